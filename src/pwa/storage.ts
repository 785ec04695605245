// Browser storage: ask once to keep our data (so it is not evicted when space runs low), and
// report usage for the diagnostics panel.

let persistRequested = false;

/** Called after the first sign-up or punch: that is when there is data worth keeping. */
export function requestPersistentStorage(): void {
  if (persistRequested || !navigator.storage?.persist) return;
  persistRequested = true;
  void navigator.storage.persisted().then((already) => (already ? true : navigator.storage.persist()));
}

export interface StorageReport {
  persisted?: boolean;
  usageBytes?: number;
  quotaBytes?: number;
}

export async function readStorageReport(): Promise<StorageReport> {
  if (!navigator.storage) return {};
  const [persisted, estimate] = await Promise.all([
    navigator.storage.persisted?.(),
    navigator.storage.estimate?.(),
  ]);
  return { persisted, usageBytes: estimate?.usage, quotaBytes: estimate?.quota };
}
