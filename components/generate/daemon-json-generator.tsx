'use client';

import { useMemo, useState } from 'react';
import { buildDaemonJson, daemonJsonFormSchema } from '@/lib/kasm/daemon-json';
import { CheckboxField, NumberField, TextAreaField, TextField } from './fields';
import { HostFactsNote, useHostFacts } from './host-facts';
import { formIssues } from './issues';
import { GeneratorLayout, OutputPanel } from './output-panel';
import { useUrlForm, useUrlHas } from './use-url-form';

export function DaemonJsonGenerator() {
  const { form, update } = useUrlForm(daemonJsonFormSchema);
  const has = useUrlHas();
  const hf = useHostFacts();
  const [fromHost, setFromHost] = useState(false);
  const [applied, setApplied] = useState(false);
  if (!applied && hf.facts) {
    setApplied(true);
    const raw = hf.facts.daemonJson?.raw;
    if (!has('current') && typeof raw === 'string') {
      update({ current: raw });
      setFromHost(true);
    }
  }
  const parsed = useMemo(() => daemonJsonFormSchema.safeParse(form), [form]);
  const output = useMemo(() => (parsed.success ? buildDaemonJson(parsed.data) : null), [parsed]);
  const path = hf.facts?.daemonJson?.path ?? '/etc/docker/daemon.json';
  return (
    <GeneratorLayout
      form={
        <>
          <HostFactsNote {...hf} />
          {hf.facts?.daemonJson?.error ? <p className="text-xs text-muted">{path} could not be read: {hf.facts.daemonJson.error}</p> : null}
          <TextAreaField
            label={`Current ${path}`}
            value={form.current}
            rows={10}
            from={fromHost ? (hf.facts?.hostName ?? null) : null}
            onChange={(v) => {
              setFromHost(false);
              update({ current: v });
            }}
            hint="Paste the host's file (sudo cat /etc/docker/daemon.json); every other key is kept. Empty = no file yet."
          />
          <TextField label="sysbox-runc path" value={form.runtimePath} mono onChange={(v) => update({ runtimePath: v })} />
          <CheckboxField label="Set the guide's network ranges (bip, default-address-pools)" checked={form.network} onChange={(v) => update({ network: v })} hint="Keeps Sysbox containers' networks clear of Kasm's; your own values are kept if set." />
          {form.network ? (
            <div className="grid gap-3 sm:grid-cols-3">
              <TextField label="bip" value={form.bip} mono onChange={(v) => update({ bip: v })} />
              <TextField label="pool base" value={form.poolBase} mono onChange={(v) => update({ poolBase: v })} />
              <NumberField label="pool size" value={form.poolSize} onChange={(v) => update({ poolSize: v })} />
            </div>
          ) : null}
        </>
      }
      output={
        <OutputPanel
          output={output}
          issues={formIssues(parsed.error)}
          filename="daemon.json"
          whereToPaste={`Not in Kasm: on the agent host, save as ${path} and restart Docker (sudo systemctl restart docker).`}
        />
      }
    />
  );
}
