import type * as React from 'react';
import { cn } from '@/lib/utils';

/** A filter chip: a toggle button whose state is aria-pressed (Containers and Kasm filters). */
export function Chip({ pressed, className, ...props }: { pressed: boolean } & React.ComponentProps<'button'>) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      className={cn(
        'rounded-full border px-3 py-1 text-sm',
        pressed ? 'border-accent bg-accent text-accent-fg' : 'border-border bg-card hover:bg-code',
        className,
      )}
      {...props}
    />
  );
}
