'use client';

import { useMemo } from 'react';
import { z } from 'zod';
import { StatusBadge, type Status } from '@/components/ui/status';
import { idShiftSchema } from '@/lib/kasm/ids';
import { isPlainObject, parseJson } from '@/lib/kasm/json';
import { LINT_KINDS, lintExecConfig, lintRunConfig, lintVolumeMappings } from '@/lib/kasm/lint';
import type { Finding } from '@/lib/kasm/output';
import { Card } from '@/components/ui/card';
import { NumberField, SelectField, TextAreaField } from './fields';
import { useHostFacts } from './host-facts';
import { useUrlForm } from './use-url-form';

export const lintFormSchema = z.object({
  kind: z.enum(LINT_KINDS).default('run-config'),
  text: z.string().max(256 * 1024).default(''),
  group: z.string().max(256 * 1024).default(''),
  subuidStart: z.number().int().min(0).optional(),
  subgidStart: z.number().int().min(0).optional(),
  idShift: idShiftSchema.default('unknown'),
});

const KIND_LABEL: Record<(typeof LINT_KINDS)[number], string> = {
  'run-config': 'Run config (Docker Run Config Override / group run_config)',
  'exec-config': 'Exec config (Docker Exec Config)',
  'volume-mappings': 'Volume mappings',
};

const STATUS: Record<Finding['severity'], Status> = { error: 'fail', warning: 'warn', info: 'unknown' };
const WORD: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

export function LintPanel() {
  const { form, update } = useUrlForm(lintFormSchema);
  // The selected host's facts.kasmUser judges the ids unless a subuid start is typed in (a host the dashboard cannot see).
  const hostKasmUser = useHostFacts().facts?.kasmUser ?? null;
  const group = useMemo(() => {
    if (form.kind !== 'run-config' || form.group.trim() === '') return { value: null, error: undefined };
    const p = parseJson(form.group);
    if (!p.ok) return { value: null, error: `line ${p.line}, column ${p.column}: ${p.message}` };
    return isPlainObject(p.value) ? { value: p.value, error: undefined } : { value: null, error: 'must be a JSON object' };
  }, [form.kind, form.group]);
  const findings = useMemo(() => {
    if (form.kind === 'run-config') return lintRunConfig(form.text, { group: group.value });
    if (form.kind === 'exec-config') return lintExecConfig(form.text);
    const typed = form.subuidStart !== undefined || form.subgidStart !== undefined;
    return lintVolumeMappings(form.text, { subuidStart: form.subuidStart, subgidStart: form.subgidStart, idShift: form.idShift, ...(!typed && hostKasmUser ? { kasmUser: hostKasmUser } : {}) });
  }, [form, group.value, hostKasmUser]);
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <Card className="min-w-0 space-y-4">
        <SelectField label="What is it?" value={form.kind} options={LINT_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} onChange={(v) => update({ kind: v })} />
        <TextAreaField label="Paste the JSON" value={form.text} rows={14} onChange={(v) => update({ text: v })} placeholder='{"runtime": "sysbox-runc", ...}' />
        {form.kind === 'run-config' ? (
          <TextAreaField
            label="The group's run_config (optional)"
            value={form.group}
            rows={4}
            error={group.error}
            onChange={(v) => update({ group: v })}
            hint="To see what the group overrides: Kasm merges the group's run_config over the Workspace's per top-level key."
          />
        ) : null}
        {form.kind === 'volume-mappings' ? (
          <div className="grid grid-cols-2 gap-3">
            <NumberField label="sysbox subuid start" value={form.subuidStart} onChange={(v) => update({ subuidStart: v })} />
            <NumberField label="sysbox subgid start" value={form.subgidStart} onChange={(v) => update({ subgidStart: v })} />
            <SelectField
              label="ID shifting of bind mounts"
              value={form.idShift}
              options={[
                { value: 'unknown', label: 'Unknown' },
                { value: 'no', label: 'No' },
                { value: 'yes', label: 'Yes' },
              ]}
              onChange={(v) => update({ idShift: v })}
            />
          </div>
        ) : null}
      </Card>
      <Card className="min-w-0 space-y-3">
        <h2 className="text-base font-semibold">Findings</h2>
        {findings.length === 0 ? (
          <StatusBadge status="pass" label="No problems found" />
        ) : (
          <ul className="space-y-2" aria-label="Findings" data-testid="findings">
            {findings.map((f, i) => (
              <li key={`${f.id}-${i}`} className="flex items-start gap-2 text-sm" data-id={f.id}>
                <StatusBadge status={STATUS[f.severity]} label={WORD[f.severity]} className="mt-0.5 shrink-0" />
                <span>
                  {f.line !== undefined ? (
                    <span className="mr-1 font-mono text-xs text-muted">
                      line {f.line}, column {f.column}
                    </span>
                  ) : null}
                  {f.message}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
