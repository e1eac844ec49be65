import { describe, expect, it } from 'vitest';
import { cn } from '@/lib/utils';

describe('cn (clsx + the Tailwind conflicts this UI has)', () => {
  it('a caller className overrides the component base of the same group', () => {
    expect(cn('rounded-lg border border-border bg-card p-4 shadow-sm', 'border-fail')).toBe('rounded-lg border bg-card p-4 shadow-sm border-fail');
    expect(cn('rounded-lg border border-border bg-card p-4 shadow-sm', 'overflow-x-auto p-0')).toBe('rounded-lg border border-border bg-card shadow-sm overflow-x-auto p-0');
    expect(cn('px-3 py-1.5 text-sm', 'p-2')).toBe('text-sm p-2');
    expect(cn('text-sm text-fg', 'text-muted')).toBe('text-sm text-muted');
    expect(cn('font-mono font-semibold', false, undefined, 'font-medium')).toBe('font-mono font-medium');
  });

  it('keeps variants apart and drops nothing unrelated', () => {
    expect(cn('bg-card hover:bg-code', 'bg-accent')).toBe('hover:bg-code bg-accent');
    expect(cn('border-b border-border pb-2', 'flex')).toBe('border-b border-border pb-2 flex');
    expect(cn('mt-0.5 shrink-0', { 'font-mono': true, hidden: false })).toBe('mt-0.5 shrink-0 font-mono');
  });
});
