import type * as React from 'react';
import { cn } from '@/lib/utils';

export function CodeBlock({ className, ...props }: React.ComponentProps<'pre'>) {
  return (
    <pre
      className={cn('overflow-x-auto rounded-md border border-border bg-code p-3 font-mono text-xs leading-relaxed select-text', className)}
      {...props}
    />
  );
}
