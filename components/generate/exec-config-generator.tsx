'use client';

import { useMemo } from 'react';
import { buildExecConfig, execConfigFormSchema } from '@/lib/kasm/exec-config';
import { imageInfo } from '@/lib/kasm/images';
import { CheckboxField, Choice, TextField } from './fields';
import { ImagePicker } from './image-picker';
import { formIssues } from './issues';
import { GeneratorLayout, OutputPanel } from './output-panel';
import { useUrlForm } from './use-url-form';

export function ExecConfigGenerator() {
  const { form, update } = useUrlForm(execConfigFormSchema);
  const parsed = useMemo(() => execConfigFormSchema.safeParse(form), [form]);
  const output = useMemo(() => (parsed.success ? buildExecConfig(parsed.data) : null), [parsed]);
  const info = imageInfo(form.image, form.family);
  return (
    <GeneratorLayout
      form={
        <>
          <ImagePicker image={form.image} family={form.family} onChange={(v) => update(v)} />
          <p className="text-xs text-muted">
            Package manager: <span className="font-mono">{info.packageManager}</span>
            {info.shipsSudo ? ' · this core image ships sudo' : ''}
          </p>
          <TextField label="User to give sudo" value={form.user} mono onChange={(v) => update({ user: v })} />
          <Choice
            label="sudo"
            value={form.sudo}
            onChange={(v) => update({ sudo: v })}
            options={[
              { value: 'nopasswd', label: 'No password (NOPASSWD)' },
              { value: 'password', label: 'Ask for a password' },
            ]}
            hint={form.sudo === 'password' ? 'The password goes into the hook environment as a placeholder you replace in Kasm; it is never sent here.' : undefined}
          />
          <CheckboxField
            label="Install sudo anyway"
            checked={form.forceInstall}
            onChange={(v) => update({ forceInstall: v })}
            hint={info.shipsSudo ? 'Core images ship sudo; switch on to reproduce the guide exactly.' : 'This image is not a core image: sudo is installed.'}
          />
          <CheckboxField label="Wait for /usr/bin/desktop_ready first" checked={form.waitForDesktop} onChange={(v) => update({ waitForDesktop: v })} />
        </>
      }
      output={
        <OutputPanel
          output={output}
          issues={formIssues(parsed.error)}
          filename="exec_config.json"
          whereToPaste="Admin › Workspaces › Edit › Docker Exec Config (JSON). The run config must run the container as root (/sbin/init)."
        />
      }
    />
  );
}
