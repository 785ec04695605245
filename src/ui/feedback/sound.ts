// Short confirmation tones made with WebAudio: no audio files to fetch or precache.

let audio: AudioContext | undefined;

function context(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  audio ??= new AudioContext();
  if (audio.state === 'suspended') void audio.resume();
  return audio;
}

function tone(frequencyHz: number, startS: number, durationS: number, type: OscillatorType): void {
  const ctx = context();
  if (!ctx) return;
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.type = type;
  oscillator.frequency.value = frequencyHz;
  const start = ctx.currentTime + startS;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + durationS);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(start);
  oscillator.stop(start + durationS + 0.02);
}

export function playSuccess(): void {
  tone(880, 0, 0.09, 'sine');
  tone(1320, 0.1, 0.12, 'sine');
}

export function playError(): void {
  tone(220, 0, 0.25, 'square');
}

/** The camera read a code: one short beep, like a till scanner. */
export function playScanBeep(): void {
  tone(1760, 0, 0.07, 'square');
}
