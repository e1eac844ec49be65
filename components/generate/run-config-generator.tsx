'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { parseJson, isPlainObject } from '@/lib/kasm/json';
import { buildRunConfig, runConfigFormSchema } from '@/lib/kasm/run-config';
import { Choice, TextAreaField, TextField } from './fields';
import { ImagePicker } from './image-picker';
import { formIssues } from './issues';
import { GeneratorLayout, OutputPanel } from './output-panel';
import { useUrlForm } from './use-url-form';

export function RunConfigGenerator() {
  const { form, update } = useUrlForm(runConfigFormSchema);
  const [extraText, setExtraText] = useState(() => (Object.keys(form.extra).length ? JSON.stringify(form.extra, null, 2) : ''));
  const [extraError, setExtraError] = useState<string | undefined>();
  const parsed = useMemo(() => runConfigFormSchema.safeParse(form), [form]);
  const output = useMemo(() => (parsed.success ? buildRunConfig(parsed.data) : null), [parsed]);

  function onExtra(text: string) {
    setExtraText(text);
    if (text.trim() === '') {
      setExtraError(undefined);
      update({ extra: {} });
      return;
    }
    const p = parseJson(text);
    if (!p.ok) return setExtraError(`line ${p.line}, column ${p.column}: ${p.message}`);
    if (!isPlainObject(p.value)) return setExtraError('must be a JSON object');
    setExtraError(undefined);
    update({ extra: p.value });
  }

  const target = form.target === 'group' ? 'group' : 'workspace';
  return (
    <GeneratorLayout
      form={
        <>
          <ImagePicker image={form.image} family={form.family} onChange={(v) => update(v)} />
          <Choice
            label="Target"
            value={target}
            onChange={(v) => update({ target: v })}
            options={[
              { value: 'workspace', label: 'Workspace (Docker Run Config Override)' },
              { value: 'group', label: 'Group setting (run_config)' },
            ]}
            hint="Kasm merges a group's run_config over the Workspace's per top-level key: the group wins, environment merges per variable, lists are replaced."
          />
          <TextField label="Hostname (optional)" value={form.hostname} mono onChange={(v) => update({ hostname: v })} placeholder="e.g. kasm" />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Environment (optional)</legend>
            {form.environment.map((e, i) => (
              <div key={i} className="flex gap-2">
                <input
                  aria-label={`Variable ${i + 1} name`}
                  className="w-2/5 rounded-md border border-border bg-card px-2 py-1 font-mono text-sm"
                  value={e.key}
                  onChange={(ev) => update({ environment: form.environment.map((x, j) => (j === i ? { ...x, key: ev.target.value } : x)) })}
                />
                <input
                  aria-label={`Variable ${i + 1} value`}
                  className="min-w-0 flex-1 rounded-md border border-border bg-card px-2 py-1 font-mono text-sm"
                  value={e.value}
                  onChange={(ev) => update({ environment: form.environment.map((x, j) => (j === i ? { ...x, value: ev.target.value } : x)) })}
                />
                <Button aria-label={`Remove variable ${i + 1}`} onClick={() => update({ environment: form.environment.filter((_, j) => j !== i) })}>
                  ✕
                </Button>
              </div>
            ))}
            <Button onClick={() => update({ environment: [...form.environment, { key: '', value: '' }] })}>Add variable</Button>
          </fieldset>
          <TextField label="shm_size (optional)" value={form.shmSize} mono onChange={(v) => update({ shmSize: v })} placeholder="Kasm's default: 512m" />
          <details>
            <summary className="cursor-pointer text-sm font-medium">Additional docker-py keys (advanced)</summary>
            <div className="mt-2">
              <TextAreaField
                label="Extra keys (JSON object)"
                value={extraText}
                onChange={onExtra}
                rows={5}
                error={extraError}
                placeholder='{"cap_add": ["NET_ADMIN"]}'
                hint="Checked before they are added: keys Kasm overrides (name, labels, image, mem_limit, detach, cpu_*) and keys that break Sysbox (privileged, host network/pid/userns mode, GPUs) are refused."
              />
            </div>
          </details>
        </>
      }
      output={
        <OutputPanel
          output={output}
          issues={formIssues(parsed.error)}
          filename={target === 'group' ? 'run_config-group.json' : 'run_config.json'}
          whereToPaste={
            target === 'group'
              ? 'Admin › Groups › (group) › Settings › Add setting run_config, value: this JSON.'
              : 'Admin › Workspaces › Edit › Docker Run Config Override (JSON).'
          }
        />
      }
    />
  );
}
