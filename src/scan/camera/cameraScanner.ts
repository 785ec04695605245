import { Html5Qrcode, Html5QrcodeScannerState, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { installZxingBarcodeDetector } from './zxingBarcodeDetector';

// The camera scanner, in the lazily loaded camera chunk: html5-qrcode drives the camera and
// feeds frames to a BarcodeDetector (the browser's own, or ZXing-C++ where it has none).

export type CameraProblem = 'denied' | 'missing' | 'busy' | 'failed';

export class CameraError extends Error {
  constructor(
    readonly problem: CameraProblem,
    readonly detail: string,
  ) {
    super(`camera ${problem}: ${detail}`);
  }
}

export interface CameraChoice {
  id: string;
  /** Empty when the browser gives no name: the panel then shows "Camera {number}". */
  label: string;
  number: number;
}

export interface CameraSession {
  /** The camera in use, to remember for next time. */
  cameraId: string | undefined;
  cameras: CameraChoice[];
  /** Only where the running track reports a torch. */
  torch: { set(on: boolean): Promise<void> } | undefined;
  stop(): Promise<void>;
}

const FORMATS = [Html5QrcodeSupportedFormats.QR_CODE, Html5QrcodeSupportedFormats.CODE_128, Html5QrcodeSupportedFormats.EAN_13];
const FRAMES_PER_SECOND = 12;

/** html5-qrcode rejects with strings that embed the DOMException's name. */
function cameraProblem(error: unknown): CameraError {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (/NotAllowedError|PermissionDenied|SecurityError/i.test(detail)) return new CameraError('denied', detail);
  if (/NotFoundError|DevicesNotFound|OverconstrainedError|not supported/i.test(detail)) return new CameraError('missing', detail);
  if (/NotReadableError|TrackStartError|AbortError/i.test(detail)) return new CameraError('busy', detail);
  return new CameraError('failed', detail);
}

async function listCameras(): Promise<CameraChoice[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === 'videoinput').map((device, index) => ({ id: device.deviceId, label: device.label, number: index + 1 }));
}

async function startOn(scanner: Html5Qrcode, camera: string | MediaTrackConstraints, onCode: (text: string) => void): Promise<void> {
  await scanner.start(camera, { fps: FRAMES_PER_SECOND }, (text) => onCode(text), undefined);
}

/**
 * Starts scanning into the element with `elementId` on the remembered camera (falling back to
 * the rear camera when it is gone), calling `onCode` for every frame that holds a code.
 */
export async function startCameraScanner(elementId: string, preferredCameraId: string | undefined, onCode: (text: string) => void): Promise<CameraSession> {
  installZxingBarcodeDetector();
  const scanner = new Html5Qrcode(elementId, { formatsToSupport: FORMATS, useBarCodeDetectorIfSupported: true, verbose: false });
  try {
    try {
      await startOn(scanner, preferredCameraId ? { deviceId: { exact: preferredCameraId } } : { facingMode: 'environment' }, onCode);
    } catch (error) {
      if (!preferredCameraId || cameraProblem(error).problem !== 'missing') throw error;
      await startOn(scanner, { facingMode: 'environment' }, onCode);
    }
  } catch (error) {
    scanner.clear();
    throw cameraProblem(error);
  }
  const stop = async () => {
    // Not `scanner.isScanning`: that turns true only once the video plays, so a camera closed
    // sooner would keep running. The state is SCANNING as soon as start() has resolved.
    if (scanner.getState() !== Html5QrcodeScannerState.NOT_STARTED) await scanner.stop();
    scanner.clear();
  };
  try {
    const torchFeature = scanner.getRunningTrackCameraCapabilities().torchFeature();
    return {
      cameraId: scanner.getRunningTrackSettings().deviceId,
      cameras: await listCameras(),
      torch: torchFeature.isSupported() ? { set: (on) => torchFeature.apply(on) } : undefined,
      stop,
    };
  } catch (error) {
    await stop();
    throw cameraProblem(error);
  }
}
