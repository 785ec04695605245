// dexie-export-import expects a browser: `self` when it loads, FileReader to read blobs. Import
// this first in a test that loads it under Node.
const scope = globalThis as unknown as Record<string, unknown>;
scope.self ??= globalThis;
if (scope.FileReader === undefined) {
  scope.FileReader = class {
    onload: ((event: { target: { result: ArrayBuffer } }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    onabort: ((event: unknown) => void) | null = null;
    readAsArrayBuffer(blob: Blob) {
      blob.arrayBuffer().then(
        (result) => this.onload?.({ target: { result } }),
        (error: unknown) => this.onerror?.({ target: { error } }),
      );
    }
  };
}
export {};
