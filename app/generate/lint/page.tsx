import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { LintPanel } from '@/components/generate/lint-panel';

export const metadata: Metadata = { title: 'Lint pasted Kasm JSON' };

export default function Page() {
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Lint pasted Kasm JSON</h1>
        <p className="text-sm text-muted">Paste a run_config, exec_config or volume mappings you already have: syntax errors with line and column, Sysbox incompatibilities, keys Kasm ignores or rejects.</p>
      </div>
      <Suspense fallback={<Skeleton className="h-96" />}>
        <LintPanel />
      </Suspense>
    </div>
  );
}
