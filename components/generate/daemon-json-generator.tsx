import { buildDaemonJson, type DaemonJsonForm } from '@/lib/kasm/daemon-json';
import { BoundCheckbox, BoundNumber, BoundText, BoundTextArea } from './bound-fields';
import { HostFactsNote, type HostFacts } from './host-facts';
import { GeneratorLayout, OutputPanel } from './output-panel';

/**
 * Server-rendered: `form` was read from the URL on the server, where the
 * generator runs. Without ?current= the host's own daemon.json is the starting
 * point (marked "from <host>"); a shared link's current= wins.
 */
export function DaemonJsonGenerator({ form, valid, issues, facts, urlHasCurrent }: { form: DaemonJsonForm; valid: DaemonJsonForm | null; issues: string[]; facts: HostFacts; urlHasCurrent: boolean }) {
  const raw = facts.daemonJson?.raw;
  const fromHost = !urlHasCurrent && typeof raw === 'string';
  const current = fromHost ? raw : form.current;
  const output = valid ? buildDaemonJson(fromHost ? { ...valid, current: raw } : valid) : null;
  const path = facts.daemonJson?.path ?? '/etc/docker/daemon.json';
  return (
    <GeneratorLayout
      form={
        <>
          <HostFactsNote facts={facts} />
          {facts.daemonJson?.error ? <p className="text-xs text-muted">{path} could not be read: {facts.daemonJson.error}</p> : null}
          <BoundTextArea
            name="current"
            label={`Current ${path}`}
            value={current}
            rows={10}
            from={fromHost ? facts.hostName : null}
            hint="Paste the host's file (sudo cat /etc/docker/daemon.json); every other key is kept. Empty = no file yet."
          />
          <BoundText name="runtimePath" label="sysbox-runc path" value={form.runtimePath} mono />
          <BoundCheckbox name="network" label="Set the guide's network ranges (bip, default-address-pools)" value={form.network} hint="Keeps Sysbox containers' networks clear of Kasm's; your own values are kept if set." />
          {form.network ? (
            <div className="grid gap-3 sm:grid-cols-3">
              <BoundText name="bip" label="bip" value={form.bip} mono />
              <BoundText name="poolBase" label="pool base" value={form.poolBase} mono />
              <BoundNumber name="poolSize" label="pool size" value={form.poolSize} />
            </div>
          ) : null}
        </>
      }
      output={
        <OutputPanel
          output={output}
          issues={issues}
          filename="daemon.json"
          whereToPaste={`Not in Kasm: on the agent host, save as ${path} and restart Docker (sudo systemctl restart docker).`}
        />
      }
    />
  );
}
