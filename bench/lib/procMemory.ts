// Resident memory of a process, from /proc/<pid>/status (Linux only).

import { readFileSync } from 'node:fs';

export interface ProcMemory {
  /** VmRSS: resident now. */
  rssMB: number;
  /** VmHWM: the peak resident set since the process started. */
  peakMB: number;
}

export function procMemory(pid: number): ProcMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMB: kB('VmRSS') / 1024, peakMB: kB('VmHWM') / 1024 };
  } catch {
    return undefined; // gone, or not Linux
  }
}
