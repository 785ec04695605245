// Progress lines on stdout, stamped with the seconds since the bench started.

const startedAt = Date.now();

export const secondsSinceStart = () => (Date.now() - startedAt) / 1000;

export function log(message: string): void {
  console.log(`[${secondsSinceStart().toFixed(1).padStart(6)} s] ${message}`);
}

/** Samples as whole milliseconds, for a progress line. */
export const formatSamples = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
