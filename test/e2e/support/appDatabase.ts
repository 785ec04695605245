import type { Page } from 'playwright-core';

/** One read of a store: its row count, all its rows, or the row under a key. */
export type StoreRead = { store: string; count: true } | { store: string; all: true } | { store: string; key: string };

/**
 * Reads the app's IndexedDB straight from inside the page, in one read-only transaction and
 * without any of the app's code, so a test sees what is really stored.
 */
export function readAppDatabase<K extends string>(page: Page, reads: Record<K, StoreRead>): Promise<Record<K, unknown>> {
  return page.evaluate(
    (reads) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open('punchline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = [...new Set(Object.values(reads).map((read) => read.store))];
          const tx = db.transaction(stores, 'readonly');
          const results: Record<string, unknown> = {};
          for (const [name, read] of Object.entries(reads)) {
            const store = tx.objectStore(read.store);
            const request = 'count' in read ? store.count() : 'all' in read ? store.getAll() : store.get(read.key);
            request.onsuccess = () => (results[name] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(results);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    reads as Record<string, StoreRead>,
  ) as Promise<Record<K, unknown>>;
}

/** Writes rows into stores of the app's IndexedDB in one transaction, bypassing the app's code. */
function writeAppDatabase(page: Page, rows: Record<string, unknown[]>, method: 'add' | 'put'): Promise<void> {
  return page.evaluate(
    ({ rows, method }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('punchline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(Object.keys(rows), 'readwrite');
          for (const [store, list] of Object.entries(rows)) for (const row of list) tx.objectStore(store)[method](row);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { rows, method },
  );
}

/** Adds a row to a store of the app's IndexedDB as if sync had brought it (fails if the key exists). */
export function addToAppDatabase(page: Page, store: string, row: unknown): Promise<void> {
  return writeAppDatabase(page, { [store]: [row] }, 'add');
}

/** Puts rows into stores of the app's IndexedDB, as if another tablet's sync had brought them. */
export function putIntoAppDatabase(page: Page, rows: Record<string, unknown[]>): Promise<void> {
  return writeAppDatabase(page, rows, 'put');
}
