import { Card } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { CopyButton } from '@/components/ui/copy-button';
import { StatusBadge } from '@/components/ui/status';
import { DownloadButton } from './download-button';
import type { GeneratorOutput, GeneratorWarning } from '@/lib/kasm/output';
import { SEVERITY_STATUS } from '@/lib/sysbox/severity-status';

const LABEL: Record<GeneratorWarning['severity'], string> = { error: 'Refused', warning: 'Warning', info: 'Note' };

export function WarningList({ warnings }: { warnings: GeneratorWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="space-y-1.5" aria-label="Warnings" data-testid="warnings">
      {warnings.map((w, i) => (
        <li key={`${w.id}-${i}`} className="flex items-start gap-2 text-sm" data-id={w.id}>
          <StatusBadge status={SEVERITY_STATUS[w.severity]} label={LABEL[w.severity]} className="mt-0.5 shrink-0" />
          <span>{w.message}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The generated JSON with Copy and Download, the warnings, and where it goes in
 * Kasm. A server component: the generator ran on the server; only the two buttons are client islands.
 */
export function OutputPanel({
  output,
  issues,
  filename,
  whereToPaste,
}: {
  output: GeneratorOutput | null;
  /** Form problems that stop generation. */
  issues: string[];
  filename: string;
  whereToPaste: React.ReactNode;
}) {
  const text = output?.text ?? '';
  return (
    <Card className="space-y-3 lg:sticky lg:top-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold">Output</h2>
        <div className="flex gap-2">
          <CopyButton text={text} disabled={!text} data-testid="copy-output" />
          <DownloadButton text={text} filename={filename} />
        </div>
      </div>
      <p className="text-sm text-muted">
        <span className="font-medium text-fg">Where to paste this in Kasm:</span> {whereToPaste}
      </p>
      {issues.length > 0 ? (
        <ul className="space-y-1" role="alert" aria-label="Form problems">
          {issues.map((m) => (
            <li key={m} className="text-sm">
              <StatusBadge status="fail" label="Fix" /> {m}
            </li>
          ))}
        </ul>
      ) : null}
      {output ? <WarningList warnings={output.warnings} /> : null}
      {text ? (
        <CodeBlock data-testid="generated-json" aria-label="Generated JSON" className="whitespace-pre-wrap [overflow-wrap:anywhere]">
          {text}
        </CodeBlock>
      ) : (
        <p className="text-sm text-muted">{issues.length > 0 ? 'Fix the form to see the JSON.' : 'Nothing to show yet.'}</p>
      )}
    </Card>
  );
}

export function GeneratorLayout({ form, output }: { form: React.ReactNode; output: React.ReactNode }) {
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <Card className="min-w-0 space-y-4">{form}</Card>
      <div className="min-w-0">{output}</div>
    </div>
  );
}
