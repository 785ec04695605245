import { useEffect, useState } from 'preact/hooks';
import type { MemberListEntry } from '../../core/memberList';
import type { LoyaltyProgram } from '../../core/types';
import { loadMemberIndex, observeMemberChanges } from '../../db/memberList';
import { useApp } from '../context';

// The members list's data: every listed member's entry, in memory. Loaded in chunks when the list
// opens (the first load shows entries as they come); then, while the list is open, read again a
// second after members, summaries or the program stop changing — a whole new index, swapped in
// when complete (the old one stays on screen meanwhile). At 100k members a reload reads the
// whole member base, so it is debounced and happens only while the list is on screen; closing
// the owner area drops the index.

export const MEMBER_LIST_RELOAD_DELAY_MS = 1_000;
/** How often the list is redrawn while the first load brings entries in. */
const PARTIAL_REDRAW_MS = 300;

export interface LoadedMembers {
  entries: MemberListEntry[];
  program: LoyaltyProgram;
}

/** Survives the list's unmounting for as long as the owner area is open. */
export interface MemberIndexCache {
  loaded?: LoadedMembers;
}

export interface MemberIndexState {
  members?: LoadedMembers;
  /** While a load is under way: members read and all members. */
  progress?: { done: number; total: number };
}

export function useMemberIndex(cache: MemberIndexCache): MemberIndexState {
  const { ctx } = useApp();
  const [members, setMembers] = useState<LoadedMembers | undefined>(cache.loaded);
  const [progress, setProgress] = useState<{ done: number; total: number }>();

  useEffect(() => {
    let controller: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function load() {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      // Only the very first load shows partial results: later ones keep the full, older list.
      const partial = cache.loaded ? undefined : ([] as MemberListEntry[]);
      let redrawnAt = 0;
      try {
        const index = await loadMemberIndex(ctx, {
          signal: current.signal,
          onChunk: ({ done, total, entries, program }) => {
            if (current.signal.aborted) return;
            setProgress({ done, total });
            if (!partial) return;
            for (const entry of entries) partial.push(entry);
            if (performance.now() - redrawnAt >= PARTIAL_REDRAW_MS) {
              redrawnAt = performance.now();
              setMembers({ entries: partial.slice(), program });
            }
          },
        });
        if (!index || current.signal.aborted) return;
        cache.loaded = { entries: index.entries, program: index.program };
        setMembers(cache.loaded);
        setProgress(undefined);
      } catch (error) {
        if (!current.signal.aborted) console.error('members list: loading failed', error);
      }
    }
    void load();
    const unsubscribe = observeMemberChanges(ctx, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), MEMBER_LIST_RELOAD_DELAY_MS);
    });
    return () => {
      controller?.abort();
      clearTimeout(timer);
      unsubscribe();
    };
  }, [ctx, cache]);

  return { ...(members ? { members } : {}), ...(progress ? { progress } : {}) };
}
