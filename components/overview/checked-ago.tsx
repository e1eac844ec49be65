'use client';

import { useSyncExternalStore } from 'react';
import { cn } from '@/lib/utils';

function subscribeClock(tick: () => void): () => void {
  const t = setInterval(tick, 1000);
  return () => clearInterval(t);
}
/** Whole seconds, so the snapshot is stable between renders within a second. */
const clientNow = () => Math.floor(Date.now() / 1000) * 1000;
const serverNow = () => null;

/**
 * "checked N s ago", ticking; amber with a reason when polling fails (stale data).
 * The server render and the hydration render both count from `at` itself
 * (getServerSnapshot), so they print the same text (no React #418 hydration
 * mismatch); the clock takes over right after.
 */
export function CheckedAgo({ at, stale, error }: { at: number; stale: boolean; error?: string }) {
  const now = useSyncExternalStore(subscribeClock, clientNow, serverNow);
  const s = Math.max(0, Math.round(((now ?? at) - at) / 1000));
  return (
    <span
      className={cn('text-sm tabular-nums', stale ? 'rounded bg-warn-bg px-1.5 py-0.5 font-semibold text-warn' : 'text-fg')}
      data-testid="checked-ago"
      title={stale ? `Refreshing failed: ${error ?? 'unknown error'}` : undefined}
    >
      {stale ? '⚠ stale: ' : ''}checked {s} s ago
    </span>
  );
}
