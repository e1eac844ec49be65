import type * as React from 'react';
import { cva } from 'class-variance-authority';
import { cn } from '@/lib/utils';

export type Status = 'pass' | 'warn' | 'fail' | 'unknown';

const ICON: Record<Status, string> = { pass: '✔', warn: '⚠', fail: '✖', unknown: '?' };
const WORD: Record<Status, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', unknown: 'Unknown' };

const badge = cva('inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold', {
  variants: {
    status: {
      pass: 'bg-pass-bg text-pass',
      warn: 'bg-warn-bg text-warn',
      fail: 'bg-fail-bg text-fail',
      unknown: 'bg-unknown-bg text-unknown',
    },
  },
});

/** Status by icon and word, never colour alone. */
export function StatusBadge({
  status,
  label,
  className,
  ...props
}: { status: Status; label?: string } & React.ComponentProps<'span'>) {
  return (
    <span className={cn(badge({ status }), className)} data-status={status} {...props}>
      <span aria-hidden="true">{ICON[status]}</span>
      {label ?? WORD[status]}
    </span>
  );
}

export function statusIcon(status: Status): string {
  return ICON[status];
}
