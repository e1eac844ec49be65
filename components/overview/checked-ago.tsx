'use client';

import { useEffect, useState } from 'react';
import { cn } from '@/lib/utils';

/** "checked N s ago", ticking; amber with a reason when polling fails (stale data). */
export function CheckedAgo({ at, stale, error }: { at: number; stale: boolean; error?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const s = Math.max(0, Math.round((now - at) / 1000));
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
