'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { idArithmetic, kasmUserHostId, type IdShift } from '@/lib/kasm/ids';
import { STORAGE_PROVIDERS, STORAGE_PROVIDER_IDS, buildStorageMapping, storageMappingFormSchema } from '@/lib/kasm/storage-mapping';
import { buildVolumeMapping, recommendedVolumeIds, volumeMappingFormSchema } from '@/lib/kasm/volume-mapping';
import { cn } from '@/lib/utils';
import { CheckboxField, Choice, NumberField, SelectField, TextField } from './fields';
import { HostFactsNote, useHostFacts } from './host-facts';
import { formIssues } from './issues';
import { GeneratorLayout, OutputPanel } from './output-panel';
import { useUrlForm, useUrlHas } from './use-url-form';

const TABS = [
  { id: 'volume', label: 'Volume mapping' },
  { id: 'storage', label: 'Storage mapping (rclone)' },
] as const;

export function VolumesGenerator() {
  const search = useSearchParams();
  const tab = search.get('tab') === 'storage' ? 'storage' : 'volume';
  const host = search.get('host');
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="Mapping kind" className="flex gap-1">
        {TABS.map((t) => (
          <Link
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            href={`?${new URLSearchParams({ ...(host ? { host } : {}), ...(t.id === 'storage' ? { tab: 'storage' } : {}) }).toString()}`}
            className={cn('rounded-md border border-border px-3 py-1.5 text-sm', tab === t.id ? 'bg-accent text-accent-fg' : 'bg-card hover:bg-code')}
          >
            {t.label}
          </Link>
        ))}
      </div>
      {tab === 'storage' ? <StorageMapping key="storage" /> : <VolumeMapping key="volume" />}
    </div>
  );
}

const SHIFT_OPTIONS: { value: IdShift; label: string }[] = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'no', label: 'No: files keep their host ids (no ID-mapped mounts / shiftfs)' },
  { value: 'yes', label: 'Yes: Sysbox ID-shifts bind mounts (ID-mapped mounts or shiftfs)' },
];

function VolumeMapping() {
  const { form, update } = useUrlForm(volumeMappingFormSchema, ['tab']);
  const has = useUrlHas();
  const hf = useHostFacts();
  const [fromHost, setFromHost] = useState<{ subid: boolean; shift: boolean }>({ subid: false, shift: false });
  const [applied, setApplied] = useState(false);
  if (!applied && hf.facts) {
    setApplied(true);
    const f = hf.facts;
    const patch: Partial<typeof form> = {};
    if (!has('subuidStart') && f.subuidStart !== null && f.subgidStart !== null) {
      patch.subuidStart = f.subuidStart;
      patch.subgidStart = f.subgidStart;
    }
    if (!has('idShift') && f.idShift !== 'unknown') patch.idShift = f.idShift;
    if (Object.keys(patch).length > 0) {
      const next = { ...form, ...patch };
      const rec = recommendedVolumeIds(next);
      if (!has('uid') && rec.uid !== null) patch.uid = rec.uid;
      if (!has('gid') && rec.gid !== null) patch.gid = rec.gid;
      update(patch);
      setFromHost({ subid: patch.subuidStart !== undefined, shift: patch.idShift !== undefined });
    }
  }
  const parsed = useMemo(() => volumeMappingFormSchema.safeParse(form), [form]);
  const output = useMemo(() => (parsed.success ? buildVolumeMapping(parsed.data) : null), [parsed]);
  const rec = recommendedVolumeIds(form);
  const hostName = hf.facts?.hostName ?? null;

  function setFacts(patch: Partial<typeof form>) {
    const next = { ...form, ...patch };
    const r = recommendedVolumeIds(next);
    update({ ...patch, ...(r.uid !== null ? { uid: r.uid } : {}), ...(r.gid !== null ? { gid: r.gid } : {}) });
  }

  return (
    <GeneratorLayout
      form={
        <>
          <TextField label="Host path" value={form.hostPath} mono onChange={(v) => update({ hostPath: v })} hint="May contain {username} and {user_id}." />
          <TextField label="Container path (bind)" value={form.containerPath} mono onChange={(v) => update({ containerPath: v })} />
          <Choice label="Mode" value={form.mode} onChange={(v) => update({ mode: v })} options={[{ value: 'rw', label: 'rw' }, { value: 'ro', label: 'ro' }]} />
          <section className="space-y-3 rounded-md border border-border p-3" aria-label="kasm-user on this host">
            <h2 className="text-sm font-semibold">kasm-user&apos;s ids on this host</h2>
            <HostFactsNote {...hf} />
            <div className="grid grid-cols-2 gap-3">
              <NumberField label="sysbox subuid start" value={form.subuidStart} from={fromHost.subid ? hostName : null} onChange={(v) => (setFromHost((s) => ({ ...s, subid: false })), setFacts({ subuidStart: v }))} hint="/etc/subuid sysbox:START:65536" />
              <NumberField label="sysbox subgid start" value={form.subgidStart} from={fromHost.subid ? hostName : null} onChange={(v) => (setFromHost((s) => ({ ...s, subid: false })), setFacts({ subgidStart: v }))} hint="/etc/subgid" />
            </div>
            <SelectField label="Can Sysbox ID-shift bind mounts here?" value={form.idShift} options={SHIFT_OPTIONS} from={fromHost.shift ? hostName : null} onChange={(v) => (setFromHost((s) => ({ ...s, shift: false })), setFacts({ idShift: v }))} />
            {form.subuidStart !== undefined ? (
              <p className="font-mono text-sm" data-testid="id-arithmetic">
                kasm-user 1000 → host uid {idArithmetic(form.subuidStart)}
              </p>
            ) : null}
            <p className="text-sm" data-testid="id-case">{rec.reason}</p>
          </section>
          <div className="grid grid-cols-2 gap-3">
            <NumberField label="uid" value={form.uid} onChange={(v) => update({ uid: v })} />
            <NumberField label="gid" value={form.gid} onChange={(v) => update({ gid: v })} />
          </div>
          {rec.uid !== null && rec.gid !== null && (rec.uid !== form.uid || rec.gid !== form.gid) ? (
            <Button onClick={() => update({ uid: rec.uid ?? form.uid, gid: rec.gid ?? form.gid })}>
              Use {rec.uid}/{rec.gid}
            </Button>
          ) : null}
          <CheckboxField label="required" checked={form.required} onChange={(v) => update({ required: v })} hint="The session fails to start if the host path cannot be mounted." />
          <CheckboxField label="skip_check" checked={form.skipCheck} onChange={(v) => update({ skipCheck: v })} hint="Do not check that the host path exists first." />
          <NumberField label="timeout (seconds, optional)" value={form.timeout} onChange={(v) => update({ timeout: v })} />
          <Choice label="Target" value={form.target} onChange={(v) => update({ target: v })} options={[{ value: 'workspace', label: 'Workspace' }, { value: 'group', label: 'Group setting (volume_mapping)' }]} />
        </>
      }
      output={
        <OutputPanel
          output={output}
          issues={formIssues(parsed.error)}
          filename="volume_mappings.json"
          whereToPaste={
            form.target === 'group'
              ? 'Admin › Groups › (group) › Settings › Add setting volume_mapping, value: this JSON.'
              : 'Admin › Workspaces › Edit › Volume Mappings (JSON).'
          }
        />
      }
    />
  );
}

function StorageMapping() {
  const { form, update } = useUrlForm(storageMappingFormSchema, ['tab']);
  const has = useUrlHas();
  const hf = useHostFacts();
  const [fromHost, setFromHost] = useState(false);
  const [applied, setApplied] = useState(false);
  if (!applied && hf.facts) {
    setApplied(true);
    const f = hf.facts;
    if (!has('subuidStart') && f.subuidStart !== null && f.subgidStart !== null) {
      update({
        subuidStart: f.subuidStart,
        subgidStart: f.subgidStart,
        ...(has('uid') ? {} : { uid: String(kasmUserHostId(f.subuidStart)) }),
        ...(has('gid') ? {} : { gid: String(kasmUserHostId(f.subgidStart)) }),
      });
      setFromHost(true);
    }
  }
  const parsed = useMemo(() => storageMappingFormSchema.safeParse(form), [form]);
  const output = useMemo(() => (parsed.success ? buildStorageMapping(parsed.data) : null), [parsed]);
  const hostName = hf.facts?.hostName ?? null;
  const p = form.provider;

  function setStart(patch: { subuidStart?: number | undefined; subgidStart?: number | undefined }) {
    setFromHost(false);
    const next = { ...form, ...patch };
    update({
      ...patch,
      ...(next.subuidStart !== undefined ? { uid: String(kasmUserHostId(next.subuidStart)) } : {}),
      ...(next.subgidStart !== undefined ? { gid: String(kasmUserHostId(next.subgidStart)) } : {}),
    });
  }

  return (
    <GeneratorLayout
      form={
        <>
          <SelectField label="Provider" value={p} options={STORAGE_PROVIDER_IDS.map((id) => ({ value: id, label: STORAGE_PROVIDERS[id].label }))} onChange={(v) => update({ provider: v })} />
          {p === 's3' ? (
            <>
              <TextField label="s3-provider" value={form.s3Provider} mono onChange={(v) => update({ s3Provider: v })} hint="AWS, Minio, Ceph, Wasabi, …" />
              <TextField label="s3-region" value={form.s3Region} mono onChange={(v) => update({ s3Region: v })} />
              <TextField label="s3-endpoint (optional)" value={form.s3Endpoint} mono onChange={(v) => update({ s3Endpoint: v })} />
              <CheckboxField label="s3-env-auth" checked={form.s3EnvAuth} onChange={(v) => update({ s3EnvAuth: v })} hint="Off: each user's keys are entered in Kasm." />
            </>
          ) : null}
          {p === 'nextcloud' ? (
            <p className="text-xs text-muted" data-testid="nextcloud-url-note">
              The WebDAV URL goes in the Nextcloud storage provider&apos;s own URL field in Kasm, which injects it (and each user&apos;s name and app password) into rclone: it is not part of driver_opts.
            </p>
          ) : null}
          {p === 'azure-blob' ? <TextField label="Storage account" value={form.azureAccount} mono onChange={(v) => update({ azureAccount: v })} hint="The key stays a placeholder: enter it in Kasm." /> : null}
          {p === 'custom' ? <TextField label="rclone type" value={form.customType} mono onChange={(v) => update({ customType: v })} placeholder="sftp" /> : null}
          <TextField
            label={p === 'azure-blob' ? 'path (the blob container name, required)' : 'path (optional)'}
            value={form.path}
            mono
            onChange={(v) => update({ path: v })}
          />
          <section className="space-y-3 rounded-md border border-border p-3" aria-label="kasm-user on this host">
            <h2 className="text-sm font-semibold">kasm-user&apos;s ids (FUSE mounts are not ID-shifted)</h2>
            <HostFactsNote {...hf} />
            <div className="grid grid-cols-2 gap-3">
              <NumberField label="sysbox subuid start" value={form.subuidStart} from={fromHost ? hostName : null} onChange={(v) => setStart({ subuidStart: v })} />
              <NumberField label="sysbox subgid start" value={form.subgidStart} from={fromHost ? hostName : null} onChange={(v) => setStart({ subgidStart: v })} />
            </div>
            {form.subuidStart !== undefined ? (
              <p className="font-mono text-sm" data-testid="id-arithmetic">
                kasm-user 1000 → host uid {idArithmetic(form.subuidStart)}
              </p>
            ) : (
              <p className="text-sm text-muted">Type the sysbox subuid/subgid start to get the Sysbox-adjusted uid/gid; 1000 is right only for non-Sysbox Workspaces.</p>
            )}
            <div className="grid grid-cols-2 gap-3">
              <TextField label="uid (string)" value={form.uid} mono onChange={(v) => update({ uid: v })} />
              <TextField label="gid (string)" value={form.gid} mono onChange={(v) => update({ gid: v })} />
            </div>
          </section>
          <CheckboxField label="allow_other" checked={form.allowOther} onChange={(v) => update({ allowOther: v })} hint="Needed so kasm-user can see the FUSE mount." />
          <SelectField
            label="vfs-cache-mode (optional)"
            value={form.vfsCacheMode}
            options={[{ value: '', label: '(rclone default)' }, ...(['off', 'minimal', 'writes', 'full'] as const).map((v) => ({ value: v, label: v }))]}
            onChange={(v) => update({ vfsCacheMode: v })}
          />
        </>
      }
      output={
        <OutputPanel
          output={output}
          issues={formIssues(parsed.error)}
          filename="volume_config.json"
          whereToPaste={`Admin › Storage › Storage Providers › Add (${STORAGE_PROVIDERS[p].kasmType}) › Volume Config (JSON).`}
        />
      }
    />
  );
}
