import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context';

/** The app clock, re-read every `intervalMs` while `active` (for countdowns and "5 min ago"). */
export function useNow(intervalMs: number, active = true): number {
  const { ctx } = useApp();
  const [now, setNow] = useState(ctx.now);
  useEffect(() => {
    if (!active) return undefined;
    setNow(ctx.now());
    const timer = setInterval(() => setNow(ctx.now()), intervalMs);
    return () => clearInterval(timer);
  }, [ctx, intervalMs, active]);
  return now;
}
