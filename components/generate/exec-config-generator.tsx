import { buildExecConfig, type ExecConfigForm } from '@/lib/kasm/exec-config';
import { imageInfo } from '@/lib/kasm/images';
import { BoundCheckbox, BoundChoice, BoundText } from './bound-fields';
import { BoundImagePicker } from './form-islands';
import { GeneratorLayout, OutputPanel } from './output-panel';

/** Server-rendered: `form` was read from the URL on the server, where the generator runs. */
export function ExecConfigGenerator({ form, valid, issues }: { form: ExecConfigForm; valid: ExecConfigForm | null; issues: string[] }) {
  const output = valid ? buildExecConfig(valid) : null;
  const info = imageInfo(form.image, form.family);
  return (
    <GeneratorLayout
      form={
        <>
          <BoundImagePicker image={form.image} family={form.family} />
          <p className="text-xs text-muted">
            Package manager: <span className="font-mono">{info.packageManager}</span>
            {info.shipsSudo ? ' · this core image ships sudo' : ''}
          </p>
          <BoundText name="user" label="User to give sudo" value={form.user} mono />
          <BoundChoice
            name="sudo"
            label="sudo"
            value={form.sudo}
            options={[
              { value: 'nopasswd', label: 'No password (NOPASSWD)' },
              { value: 'password', label: 'Ask for a password' },
            ]}
            hint={form.sudo === 'password' ? 'The password goes into the hook environment as a placeholder you replace in Kasm; it is never sent here.' : undefined}
          />
          <BoundCheckbox
            name="forceInstall"
            label="Install sudo anyway"
            value={form.forceInstall}
            hint={info.shipsSudo ? 'Core images ship sudo; switch on to reproduce the guide exactly.' : 'This image is not a core image: sudo is installed.'}
          />
          <BoundCheckbox name="waitForDesktop" label="Wait for /usr/bin/desktop_ready first" value={form.waitForDesktop} />
        </>
      }
      output={
        <OutputPanel
          output={output}
          issues={issues}
          filename="exec_config.json"
          whereToPaste="Admin › Workspaces › Edit › Docker Exec Config (JSON). The run config must run the container as root (/sbin/init)."
        />
      }
    />
  );
}
