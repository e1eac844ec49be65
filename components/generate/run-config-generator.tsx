import { buildRunConfig, type RunConfigForm } from '@/lib/kasm/run-config';
import { BoundChoice, BoundText } from './bound-fields';
import { BoundImagePicker, EnvironmentEditor, ExtraKeysField } from './form-islands';
import { GeneratorLayout, OutputPanel } from './output-panel';

/** Server-rendered: `form` was read from the URL on the server, where the generator runs. */
export function RunConfigGenerator({ form, valid, issues }: { form: RunConfigForm; valid: RunConfigForm | null; issues: string[] }) {
  const output = valid ? buildRunConfig(valid) : null;
  const target = form.target === 'group' ? 'group' : 'workspace';
  return (
    <GeneratorLayout
      form={
        <>
          <BoundImagePicker image={form.image} family={form.family} />
          <BoundChoice
            name="target"
            label="Target"
            value={target}
            options={[
              { value: 'workspace', label: 'Workspace (Docker Run Config Override)' },
              { value: 'group', label: 'Group setting (run_config)' },
            ]}
            hint="Kasm merges a group's run_config over the Workspace's per top-level key: the group wins, environment merges per variable, lists are replaced."
          />
          <BoundText name="hostname" label="Hostname (optional)" value={form.hostname} mono placeholder="e.g. kasm" />
          <EnvironmentEditor environment={form.environment} />
          <BoundText name="shmSize" label="shm_size (optional)" value={form.shmSize} mono placeholder="Kasm's default: 512m" />
          <details>
            <summary className="cursor-pointer text-sm font-medium">Additional docker-py keys (advanced)</summary>
            <div className="mt-2">
              <ExtraKeysField extra={form.extra} />
            </div>
          </details>
        </>
      }
      output={
        <OutputPanel
          output={output}
          issues={issues}
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
