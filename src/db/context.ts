import type { PunchlineDatabase } from './database';

/** What every repository function needs: the database and an injectable clock. */
export interface DbContext {
  db: PunchlineDatabase;
  now: () => number;
  random: () => number;
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
