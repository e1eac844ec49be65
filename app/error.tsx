'use client';

import { Button } from '@/components/ui/button';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-2" role="alert">
      <h1 className="text-xl font-semibold">Something went wrong on this page</h1>
      <p>The server log has the details. The rest of the dashboard still works.</p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
