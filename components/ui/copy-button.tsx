'use client';

import { useState } from 'react';
import { Button } from './button';

/** Copies exactly `text` and confirms with "Copied". */
export function CopyButton({ text, label = 'Copy', ...props }: { text: string; label?: string } & Omit<React.ComponentProps<typeof Button>, 'onClick'>) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  }
  return (
    <Button onClick={copy} aria-live="polite" {...props}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select and copy' : label}
    </Button>
  );
}
