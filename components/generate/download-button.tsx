'use client';

import { Button } from '@/components/ui/button';

function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads exactly the text shown (plus a final newline) as `filename`. */
export function DownloadButton({ text, filename }: { text: string; filename: string }) {
  return (
    <Button onClick={() => download(text, filename)} disabled={!text}>
      Download .json
    </Button>
  );
}
