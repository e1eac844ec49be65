'use client';

import Link from 'next/link';
import { severityStatus } from '@/components/containers/badges';
import { CodeBlock } from '@/components/ui/code-block';
import { CopyButton } from '@/components/ui/copy-button';
import { StatusBadge } from '@/components/ui/status';
import type { AuditFinding, AuditFix } from '@/lib/kasm/audit';

const WORD = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** Each finding: severity (icon + word), the message, and where: the field and line/column inside its JSON. */
export function FindingList({ findings }: { findings: AuditFinding[] }) {
  return (
    <ul className="space-y-2">
      {findings.map((f, i) => (
        <li key={`${f.id}-${i}`} className="flex flex-col gap-1 text-sm sm:flex-row sm:items-start sm:gap-2" data-finding={f.id}>
          <StatusBadge status={severityStatus(f.severity)} label={WORD[f.severity]} className="shrink-0 self-start" />
          <span>
            {f.message}{' '}
            <span className="text-xs text-muted">
              <code className="font-mono">{f.field}</code>
              {f.line !== undefined && (
                <>
                  {' '}
                  · line {f.line}, column {f.column}
                </>
              )}
              {' · '}
              <code className="font-mono">{f.id}</code>
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Corrected JSON per field, with Copy (exactly the text shown) and the generator pre-filled. */
export function FixList({ fixes }: { fixes: AuditFix[] }) {
  if (fixes.length === 0) return null;
  return (
    <div className="space-y-3">
      {fixes.map((f) => (
        <div key={f.field + f.label} className="space-y-1" data-fix={f.field}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="text-sm font-medium">Corrected {f.label}</span>
            <span className="flex gap-2">
              <CopyButton text={f.text} label="Copy" aria-label={`Copy corrected ${f.label}`} />
              <Link href={f.href} className="self-center text-sm text-accent hover:underline">
                Open in generator
              </Link>
            </span>
          </div>
          <CodeBlock data-testid={`fix-${f.field}`}>{f.text}</CodeBlock>
        </div>
      ))}
    </div>
  );
}
