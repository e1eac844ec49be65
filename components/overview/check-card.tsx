import { Card } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { CopyButton } from '@/components/ui/copy-button';
import { StatusBadge } from '@/components/ui/status';
import type { Check } from '@/lib/client/status';
import { cn } from '@/lib/utils';

/** What "Copy fix" copies: the commands when there are any, else the JSON file, else the advice. */
export function fixCopyText(fix: NonNullable<Check['fix']>): string {
  if (fix.commands && fix.commands.length > 0) return fix.commands.join('\n');
  if (fix.json) return fix.json;
  return fix.text;
}

const BORDER: Record<Check['status'], string> = {
  fail: 'border-l-4 border-l-fail',
  warn: 'border-l-4 border-l-warn',
  unknown: 'border-l-4 border-l-unknown',
  pass: '',
};

/** One check: status by icon and word, what is wrong, evidence, and a copyable fix. */
export function CheckCard({ check, compact = false }: { check: Check; compact?: boolean }) {
  const titleId = `check-title-${check.id}`;
  return (
    <Card
      role="article"
      aria-labelledby={titleId}
      data-testid={`check-${check.id}`}
      data-status={check.status}
      className={cn('space-y-2', BORDER[check.status], compact && 'p-3')}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={check.status} />
            <h3 id={titleId} className="font-semibold">
              {check.title}
            </h3>
          </div>
          <p className="text-sm">{check.summary}</p>
        </div>
        {check.fix && check.status !== 'pass' ? (
          <CopyButton text={fixCopyText(check.fix)} label="Copy fix" aria-label={`Copy fix: ${check.title}`} data-testid="copy-fix" />
        ) : null}
      </div>
      {check.fix && check.status !== 'pass' ? <FixBlock fix={check.fix} /> : null}
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {check.evidence.length > 0 ? (
          <details className="min-w-0 flex-1 basis-full" data-testid="evidence">
            <summary className="cursor-pointer text-muted">Evidence ({check.evidence.length})</summary>
            <ul className="mt-1 space-y-0.5 font-mono text-xs break-all select-text">
              {check.evidence.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </details>
        ) : null}
        {check.fix && check.status === 'pass' && check.fix.json ? (
          <details className="basis-full">
            <summary className="cursor-pointer text-muted">Note</summary>
            <FixBlock fix={check.fix} />
          </details>
        ) : null}
        {check.docs ? (
          <a className="text-accent underline" href={check.docs} target="_blank" rel="noreferrer">
            Docs
          </a>
        ) : null}
      </div>
    </Card>
  );
}

function FixBlock({ fix }: { fix: NonNullable<Check['fix']> }) {
  return (
    <div className="space-y-2" data-testid="fix">
      <p className="text-sm">
        <span className="font-semibold">Fix: </span>
        {fix.text}
      </p>
      {fix.commands && fix.commands.length > 0 ? (
        <CodeBlock aria-label="Commands to run" data-testid="fix-commands">
          {fix.commands.join('\n')}
        </CodeBlock>
      ) : null}
      {fix.json ? (
        <details>
          <summary className="cursor-pointer text-sm text-muted">Recommended /etc/docker/daemon.json (keeps your other keys)</summary>
          <div className="mt-1 space-y-1">
            <CopyButton text={fix.json} label="Copy file" />
            <CodeBlock data-testid="fix-json">{fix.json}</CodeBlock>
          </div>
        </details>
      ) : null}
    </div>
  );
}
