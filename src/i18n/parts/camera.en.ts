import { registerMessages } from '..';

// Strings of the camera scanner: they load with CameraPanel.

export const cameraEn = {
  'camera.title': 'Camera',
  'camera.aim': 'Hold the card in front of the camera.',
  'camera.close': 'Close camera',
  'camera.choose': 'Camera',
  'camera.unnamed': 'Camera {number}',
  'camera.torchOn': 'Light on',
  'camera.torchOff': 'Light off',
  'camera.paused': 'The camera was paused while Punchline was in the background.',
  'camera.resume': 'Start the camera again',
  'camera.retry': 'Try again',
  'camera.denied': 'Punchline may not use the camera. Allow the camera in the browser’s site settings, or scan with the scanner or type the number.',
  'camera.missing': 'No camera was found on this tablet. Scan with the scanner or type the number.',
  'camera.busy': 'The camera is in use by another app. Close that app and try again, or scan with the scanner or type the number.',
  'camera.failed': 'The camera could not start ({detail}). Scan with the scanner or type the number.',
} as const;

registerMessages('en', cameraEn);
