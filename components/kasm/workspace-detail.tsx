'use client';

import { Card, CardTitle } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { StatusBadge } from '@/components/ui/status';
import type { AuditWorkspace } from '@/lib/kasm/audit';
import { FindingList, FixList } from './findings';

/** A field as Kasm holds it, with line numbers (the findings' line/column refer to these). */
function NumberedJson({ text, label }: { text: string; label: string }) {
  return (
    <CodeBlock aria-label={label}>
      {text.split('\n').map((l, i) => (
        <span key={i} className="block">
          <span aria-hidden="true" className="mr-3 inline-block w-6 text-right text-muted select-none">
            {i + 1}
          </span>
          {l}
        </span>
      ))}
    </CodeBlock>
  );
}

export function WorkspaceDetail({ workspace: w }: { workspace: AuditWorkspace }) {
  const json = (v: unknown) => JSON.stringify(v, null, 2);
  return (
    <div className="space-y-4" data-testid="kasm-workspace-detail">
      <Card className="space-y-1">
        <h2 className="text-lg font-semibold">{w.name}</h2>
        <p className="font-mono text-xs break-all">{w.image}</p>
        <p className="flex flex-wrap gap-2 text-sm">
          {w.sysbox ? <StatusBadge status="pass" label="Runs under Sysbox" /> : <StatusBadge status="unknown" label="Default runtime (not Sysbox)" />}
          {!w.enabled && <StatusBadge status="unknown" label="Disabled" />}
        </p>
      </Card>
      <Card className="space-y-2">
        <CardTitle>Findings</CardTitle>
        {w.findings.length === 0 ? <StatusBadge status="pass" label="No findings" /> : <FindingList findings={w.findings} />}
      </Card>
      {w.fixes.length > 0 && (
        <Card className="space-y-2">
          <CardTitle>What to paste in Kasm (Admin › Workspaces › Edit)</CardTitle>
          <FixList fixes={w.fixes} />
        </Card>
      )}
      <Card className="space-y-2">
        <CardTitle>Effective config (what Kasm will run)</CardTitle>
        <p className="text-sm text-muted">
          Kasm&apos;s default {'{"user": "1000"}'}, then the Workspace&apos;s run_config
          {w.runConfigGroup ? <>, then group {w.runConfigGroup}&apos;s run_config (the lowest priority number with one)</> : null}; volume mappings
          of the Workspace and all groups combined.
        </p>
        <div className="grid gap-3 md:grid-cols-2">
          <div>
            <h3 className="text-sm font-medium">run_config</h3>
            <CodeBlock data-testid="effective-run-config">{json(w.effective.runConfig)}</CodeBlock>
          </div>
          <div>
            <h3 className="text-sm font-medium">volume mappings</h3>
            <CodeBlock>{json(w.effective.volumeMappings)}</CodeBlock>
            <h3 className="mt-2 text-sm font-medium">exec_config</h3>
            <CodeBlock>{json(w.effective.execConfig ?? {})}</CodeBlock>
          </div>
        </div>
      </Card>
      {(w.source.runConfig !== null || w.source.execConfig !== null || w.source.volumeMappings !== null) && (
        <Card className="space-y-2">
          <CardTitle>The Workspace&apos;s own fields (line numbers as in the findings)</CardTitle>
          {w.source.runConfig !== null && (
            <>
              <h3 className="text-sm font-medium">Docker Run Config Override (run_config)</h3>
              <NumberedJson text={w.source.runConfig} label="run_config" />
            </>
          )}
          {w.source.execConfig !== null && (
            <>
              <h3 className="text-sm font-medium">Docker Exec Config (exec_config)</h3>
              <NumberedJson text={w.source.execConfig} label="exec_config" />
            </>
          )}
          {w.source.volumeMappings !== null && (
            <>
              <h3 className="text-sm font-medium">Volume Mappings (volume_mappings)</h3>
              <NumberedJson text={w.source.volumeMappings} label="volume_mappings" />
            </>
          )}
        </Card>
      )}
    </div>
  );
}
