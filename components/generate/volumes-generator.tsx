'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { KASM_USER_ID, type IdShift } from '@/lib/kasm/ids';
import { STORAGE_PROVIDERS, STORAGE_PROVIDER_IDS, buildStorageMapping, storageKasmUser, storageMappingFormSchema } from '@/lib/kasm/storage-mapping';
import { buildVolumeMapping, volumeKasmUser, volumeMappingFormSchema, volumeMappingIds } from '@/lib/kasm/volume-mapping';
import { kasmUserArithmetic, kasmUserFromRange, optInWarning, resolveMappingIds, type KasmUserFact } from '@/lib/sysbox/kasm-user';
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

/** The host's kasm-user fact when it knows the ids; otherwise none (the typed-in starts are used). */
function knownHostFact(f: KasmUserFact | null | undefined): KasmUserFact | null {
  return f && (f.uid !== null || f.source === 'per-container') ? f : null;
}

function VolumeMapping() {
  const { form, update } = useUrlForm(volumeMappingFormSchema, ['tab']);
  const has = useUrlHas();
  const hf = useHostFacts();
  const [applied, setApplied] = useState(false);
  const hostFact = knownHostFact(hf.facts?.kasmUser);
  if (!applied && hf.facts) {
    setApplied(true);
    const patch: Partial<typeof form> = {};
    if (!has('idShift') && hf.facts.idShift !== 'unknown') patch.idShift = hf.facts.idShift;
    // Default ids = kasm-user's host ids from facts.kasmUser (never a silent 1000); a shared link's uid/gid win.
    if (hostFact && hostFact.uid !== null && hostFact.gid !== null) {
      if (!has('uid')) patch.uid = hostFact.uid;
      if (!has('gid')) patch.gid = hostFact.gid;
    }
    if (Object.keys(patch).length > 0) update(patch);
  }
  const ku = volumeKasmUser(form, hostFact);
  const parsed = useMemo(() => volumeMappingFormSchema.safeParse(form), [form]);
  const ids = parsed.success ? volumeMappingIds(parsed.data, hostFact) : null;
  const output = useMemo(() => (parsed.success && ids && ids.missing.length === 0 ? buildVolumeMapping(parsed.data, hostFact) : null), [parsed, ids, hostFact]);
  const issues = [...formIssues(parsed.error), ...(ids && ids.missing.length > 0 ? [`${ids.missing.join(' and ')}: unknown on this host; type the sysbox subuid/subgid start or the ids.`] : [])];
  const hostName = hf.facts?.hostName ?? null;
  const optIn = form.uid === KASM_USER_ID && form.gid === KASM_USER_ID;
  const idMapped = form.idShift === 'yes' ? true : form.idShift === 'no' ? false : null;

  function setStarts(patch: Partial<typeof form>) {
    const next = { ...form, ...patch };
    const fact = hostFact ?? volumeKasmUser(next);
    update({ ...patch, ...(fact && fact.uid !== null ? { uid: fact.uid } : {}), ...(fact && fact.gid !== null ? { gid: fact.gid } : {}) });
  }

  function setOptIn(on: boolean) {
    if (on) update({ uid: KASM_USER_ID, gid: KASM_USER_ID });
    else update({ uid: ku?.uid ?? undefined, gid: ku?.gid ?? undefined });
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
            {ku && ku.uid !== null && ku.gid !== null ? (
              <p className="font-mono text-sm" data-testid="kasm-user-ids">
                kasm-user 1000 → host uid/gid {ku.uid}/{ku.gid}
                {hostFact ? ` (from ${hostName ?? 'the host'}, ${hostFact.source})` : ''}
              </p>
            ) : null}
            {!hostFact ? (
              <>
                <div className="grid grid-cols-2 gap-3">
                  <NumberField label="sysbox subuid start" value={form.subuidStart} onChange={(v) => setStarts({ subuidStart: v })} hint="/etc/subuid sysbox:START:65536" />
                  <NumberField label="sysbox subgid start" value={form.subgidStart} onChange={(v) => setStarts({ subgidStart: v })} hint="/etc/subgid" />
                </div>
                {form.subuidStart !== undefined ? (
                  <p className="font-mono text-sm" data-testid="id-arithmetic">
                    kasm-user 1000 → host uid {kasmUserArithmetic(form.subuidStart)}
                  </p>
                ) : null}
              </>
            ) : null}
            <p className="text-sm" data-testid="id-case">
              {ku ? ku.explanation : 'kasm-user\'s host ids are unknown: type the sysbox subuid/subgid start (the sysbox line of /etc/subuid and /etc/subgid).'}
            </p>
            <SelectField label="Does this kernel ID-map bind mounts?" value={form.idShift} options={SHIFT_OPTIONS} from={hf.facts && hf.facts.idShift !== 'unknown' ? hostName : null} onChange={(v) => update({ idShift: v })} />
            <CheckboxField
              label="Use 1000/1000 instead (opt-in)"
              checked={optIn}
              onChange={setOptIn}
              hint="Only when the host folder is on a local ext4/xfs/btrfs filesystem and this kernel does ID-mapped mounts: Sysbox then ID-maps the bind mount."
            />
            {optIn ? (
              <p role="alert" className="rounded-md border border-warn/50 bg-warn/10 p-2 text-sm" data-testid="opt-in-warning">
                {optInWarning(ku, idMapped)}
              </p>
            ) : null}
          </section>
          <div className="grid grid-cols-2 gap-3">
            <NumberField label="uid" value={form.uid} onChange={(v) => update({ uid: v })} />
            <NumberField label="gid" value={form.gid} onChange={(v) => update({ gid: v })} />
          </div>
          {ku && ku.uid !== null && ku.gid !== null && !optIn && (ku.uid !== form.uid || ku.gid !== form.gid) ? (
            <Button onClick={() => update({ uid: ku.uid ?? form.uid, gid: ku.gid ?? form.gid })}>
              Use {ku.uid}/{ku.gid}
            </Button>
          ) : null}
          <CheckboxField label="required" checked={form.required} onChange={(v) => update({ required: v })} hint="The session fails to start if the host path cannot be mounted." />
          <CheckboxField label="skip_check" checked={form.skipCheck} onChange={(v) => update({ skipCheck: v })} hint="Do not check that the host path exists first; this also skips Kasm's chown, so the folder must be chowned by hand." />
          <NumberField label="timeout (seconds, optional)" value={form.timeout} onChange={(v) => update({ timeout: v })} />
          <Choice label="Target" value={form.target} onChange={(v) => update({ target: v })} options={[{ value: 'workspace', label: 'Workspace' }, { value: 'group', label: 'Group setting (volume_mapping)' }]} />
        </>
      }
      output={
        <OutputPanel
          output={output}
          issues={issues}
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
  const hostFact = knownHostFact(hf.facts?.kasmUser);
  if (!applied && hf.facts) {
    setApplied(true);
    // FUSE is never shifted: kasm-user's host ids from facts.kasmUser, unless a shared link set them.
    if (hostFact && hostFact.uid !== null && hostFact.gid !== null && !has('uid') && !has('gid')) {
      update({ uid: String(hostFact.uid), gid: String(hostFact.gid) });
      setFromHost(true);
    }
  }
  const parsed = useMemo(() => storageMappingFormSchema.safeParse(form), [form]);
  const ids = parsed.success ? resolveMappingIds(parsed.data, storageKasmUser(parsed.data, hostFact), String) : null;
  const output = useMemo(() => (parsed.success && ids && ids.missing.length === 0 ? buildStorageMapping(parsed.data, hostFact) : null), [parsed, ids, hostFact]);
  const issues = [...formIssues(parsed.error), ...(ids && ids.missing.length > 0 ? [`${ids.missing.join(' and ')}: unknown on this host; type the sysbox subuid/subgid start or the ids.`] : [])];
  const hostName = hf.facts?.hostName ?? null;
  const p = form.provider;

  function setStart(patch: { subuidStart?: number | undefined; subgidStart?: number | undefined }) {
    setFromHost(false);
    const next = { ...form, ...patch };
    const fact = kasmUserFromRange(next.subuidStart ?? null, next.subgidStart ?? null);
    update({ ...patch, ...(fact.uid !== null ? { uid: String(fact.uid) } : {}), ...(fact.gid !== null ? { gid: String(fact.gid) } : {}) });
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
          {p === 'nextcloud' ? <TextField label="WebDAV URL" value={form.webdavUrl} mono onChange={(v) => update({ webdavUrl: v })} /> : null}
          {p === 'azure-blob' ? <TextField label="Storage account" value={form.azureAccount} mono onChange={(v) => update({ azureAccount: v })} hint="The key stays a placeholder: enter it in Kasm." /> : null}
          {p === 'custom' ? <TextField label="rclone type" value={form.customType} mono onChange={(v) => update({ customType: v })} placeholder="sftp" /> : null}
          <TextField label="path (optional)" value={form.path} mono onChange={(v) => update({ path: v })} />
          <section className="space-y-3 rounded-md border border-border p-3" aria-label="kasm-user on this host">
            <h2 className="text-sm font-semibold">kasm-user&apos;s ids (FUSE mounts are not ID-shifted)</h2>
            <HostFactsNote {...hf} />
            <div className="grid grid-cols-2 gap-3">
              <NumberField label="sysbox subuid start" value={form.subuidStart} from={fromHost ? hostName : null} onChange={(v) => setStart({ subuidStart: v })} />
              <NumberField label="sysbox subgid start" value={form.subgidStart} from={fromHost ? hostName : null} onChange={(v) => setStart({ subgidStart: v })} />
            </div>
            {form.subuidStart !== undefined ? (
              <p className="font-mono text-sm" data-testid="id-arithmetic">
                kasm-user 1000 → host uid {kasmUserArithmetic(form.subuidStart)}
              </p>
            ) : hostFact && hostFact.uid !== null ? (
              <p className="font-mono text-sm" data-testid="kasm-user-ids">
                kasm-user 1000 → host uid/gid {hostFact.uid}/{hostFact.gid} (from {hostName ?? 'the host'}, {hostFact.source})
              </p>
            ) : (
              <p className="text-sm text-muted">Type the sysbox subuid/subgid start to get the Sysbox-adjusted uid/gid; 1000 is right only for non-Sysbox Workspaces.</p>
            )}
            <div className="grid grid-cols-2 gap-3">
              <TextField label="uid (string)" value={form.uid ?? ''} mono onChange={(v) => update({ uid: v === '' ? undefined : v })} />
              <TextField label="gid (string)" value={form.gid ?? ''} mono onChange={(v) => update({ gid: v === '' ? undefined : v })} />
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
          issues={issues}
          filename="volume_config.json"
          whereToPaste={`Admin › Storage › Storage Providers › Add (${STORAGE_PROVIDERS[p].kasmType}) › Volume Config (JSON).`}
        />
      }
    />
  );
}
