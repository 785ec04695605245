// The camera the cashier chose, remembered per tablet. A device id means nothing on another
// tablet, so it lives in this browser's localStorage rather than in synced settings.

const KEY = 'punchline.cameraId';

export function readCameraPreference(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberCamera(cameraId: string | undefined): void {
  try {
    if (cameraId) localStorage.setItem(KEY, cameraId);
  } catch {
    // Storage refused (private mode): the rear camera is used next time.
  }
}
