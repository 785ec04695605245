// Runs inside the REAL built app's page (part of the injected IIFE, see inject.ts) with Chromium's
// fake camera playing a member's card. The clock starts when the viewfinder's video starts
// playing — the card is in every frame, so that is when it appears — and stops when the punch's
// success message naming the member is in the DOM; the punch button is clicked from inside the
// page as soon as the member is shown, so no Playwright round trip is inside the interval.

import { currentSuccess, newSuccessFor, readyPunchButton } from './tillDom';

export interface CameraScanTiming {
  /** Tap on "Scan with camera" → the viewfinder plays (chunk loaded, camera started). */
  tapToVideoMs: number;
  /** Video playing (card in view) → the member is shown. */
  videoToMemberMs: number;
  /** Video playing → punch shown: the figure held against the budget. */
  videoToPunchMs: number;
}

/** Taps "Scan with camera" and times the camera scan and the punch. */
export function scanWithCameraAndPunch(name: string, timeoutMs = 15_000): Promise<CameraScanTiming> {
  return new Promise((resolve, reject) => {
    const previousSuccess = currentSuccess();
    let tapAt = 0;
    let videoAt: number | undefined;
    let shownAt = 0;
    let phase: 'member' | 'punch' = 'member';
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`camera scan timed out in phase ${phase} (camera ${document.querySelector('.camera')?.getAttribute('data-camera-state')})`));
    }, timeoutMs);

    function watchVideo(): void {
      const video = document.querySelector<HTMLVideoElement>('#camera-viewfinder video');
      if (!video || video.dataset.benchWatched) return;
      video.dataset.benchWatched = 'yes';
      const mark = () => (videoAt ??= performance.now());
      if (!video.paused && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) mark();
      else video.addEventListener('playing', mark, { once: true });
    }

    function check(): void {
      watchVideo();
      if (phase === 'member') {
        const button = readyPunchButton(name);
        if (button) {
          shownAt = performance.now();
          phase = 'punch';
          button.click();
        }
      } else {
        if (newSuccessFor(name, previousSuccess)) {
          const doneAt = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          if (videoAt === undefined) {
            reject(new Error('the member was shown before the viewfinder played'));
            return;
          }
          resolve({ tapToVideoMs: videoAt - tapAt, videoToMemberMs: shownAt - videoAt, videoToPunchMs: doneAt - videoAt });
        }
      }
    }

    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const cameraButton = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Scan with camera');
    if (!cameraButton) throw new Error('no "Scan with camera" button');
    tapAt = performance.now();
    cameraButton.click();
  });
}

