'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { useHostId } from '@/components/host/use-host';
import { connectLive, liveState, subscribeLiveState, type LiveState } from '@/lib/client/live';
import { cn } from '@/lib/utils';

const LABEL: Record<LiveState, { text: string; title: string; cls: string }> = {
  connecting: { text: '○ connecting', title: 'Opening the live update stream…', cls: 'text-muted' },
  live: { text: '● live', title: 'Changes are pushed to this page as Docker reports them.', cls: 'text-pass' },
  polling: { text: '◌ polling', title: 'Live updates are not available right now: refreshing every 5 s until they are back.', cls: 'bg-warn-bg text-warn font-semibold' },
};

/** Keeps the live stream for the current host open and shows whether updates are pushed ("live") or polled ("polling"). */
export function LiveMarker() {
  const host = useHostId();
  useEffect(() => connectLive(host), [host]);
  // The server renders "connecting" and so does the first client render: no hydration mismatch.
  const state = useSyncExternalStore(subscribeLiveState, liveState, () => 'connecting' as const);
  const l = LABEL[state];
  return (
    <span className={cn('rounded px-1.5 py-0.5 text-xs', l.cls)} data-testid="live-marker" data-state={state} title={l.title} role="status">
      {l.text}
    </span>
  );
}
