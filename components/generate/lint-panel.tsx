'use client';

import { useRef, useState } from 'react';
import { Card } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status';
import type { Finding } from '@/lib/kasm/output';
import { SEVERITY_STATUS } from '@/lib/sysbox/severity-status';
import { NumberField, SelectField, TextAreaField } from './fields';

/** What the server's lint says about the form. */
export interface LintState {
  findings: Finding[];
  /** The group's run_config is not a JSON object (line and column). */
  groupError?: string | undefined;
}

/** The Lint form as the URL holds it (lib/kasm/url-state.ts encoding); the server validates it. */
export interface LintFormValues {
  kind: 'run-config' | 'exec-config' | 'volume-mappings';
  text: string;
  group: string;
  subuidStart?: number | undefined;
  subgidStart?: number | undefined;
  idShift: 'yes' | 'no' | 'unknown';
}

const DEFAULTS: LintFormValues = { kind: 'run-config', text: '', group: '', idShift: 'unknown' };

const KIND_LABEL: Record<LintFormValues['kind'], string> = {
  'run-config': 'Run config (Docker Run Config Override / group run_config)',
  'exec-config': 'Exec config (Docker Exec Config)',
  'volume-mappings': 'Volume mappings',
};

const WORD: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/** One parameter per field that differs from its default: strings as they are, numbers as JSON (like encodeFormState). */
function urlOf(form: LintFormValues): string {
  const params = new URLSearchParams(window.location.search);
  for (const key of Object.keys(KEYS)) params.delete(key);
  for (const key of Object.keys(KEYS) as (keyof LintFormValues)[]) {
    const v = form[key];
    if (v === undefined || v === DEFAULTS[key]) continue;
    params.set(key, String(v));
  }
  const qs = params.toString();
  return `${window.location.pathname}${qs ? `?${qs}` : ''}`;
}
const KEYS: Record<keyof LintFormValues, true> = { kind: true, text: true, group: true, subuidStart: true, subgidStart: true, idShift: true };

type LintAction = (input: { form: unknown; host: string }) => Promise<LintState | { error: string }>;

/**
 * Paste JSON, get findings. The form is kept here and in the URL (a link
 * reproduces it); every change is posted to the server action `lint`, which
 * runs the linter on the server: the browser loads no lint code.
 */
export function LintPanel({ initial, initialState, host, lint }: { initial: LintFormValues; initialState: LintState; host: string; lint: LintAction }) {
  const [form, setForm] = useState(initial);
  const [state, setState] = useState(initialState);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  function update(patch: Partial<LintFormValues>) {
    const next = { ...form, ...patch };
    setForm(next);
    window.history.replaceState(window.history.state, '', urlOf(next));
    if (timer.current) clearTimeout(timer.current);
    const n = ++seq.current;
    timer.current = setTimeout(() => {
      lint({ form: next, host }).then(
        (r) => {
          if (n !== seq.current) return; // a newer change is on its way
          if ('error' in r) return setError(r.error);
          setError(null);
          setState(r);
        },
        (err: unknown) => {
          if (n === seq.current) setError(`The dashboard server did not answer (${err instanceof Error ? err.message : String(err)})`);
        },
      );
    }, 150);
  }

  const { findings } = state;
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <Card className="min-w-0 space-y-4">
        <SelectField label="What is it?" value={form.kind} options={(Object.keys(KIND_LABEL) as LintFormValues['kind'][]).map((k) => ({ value: k, label: KIND_LABEL[k] }))} onChange={(v) => update({ kind: v })} />
        <TextAreaField label="Paste the JSON" value={form.text} rows={14} onChange={(v) => update({ text: v })} placeholder='{"runtime": "sysbox-runc", ...}' />
        {form.kind === 'run-config' ? (
          <TextAreaField
            label="The group's run_config (optional)"
            value={form.group}
            rows={4}
            error={state.groupError}
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
        {error ? (
          <p role="alert" className="text-sm text-fail">
            ✖ {error}
          </p>
        ) : null}
        {findings.length === 0 ? (
          <StatusBadge status="pass" label="No problems found" />
        ) : (
          <ul className="space-y-2" aria-label="Findings" data-testid="findings">
            {findings.map((f, i) => (
              <li key={`${f.id}-${i}`} className="flex items-start gap-2 text-sm" data-id={f.id}>
                <StatusBadge status={SEVERITY_STATUS[f.severity]} label={WORD[f.severity]} className="mt-0.5 shrink-0" />
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
