import Link from 'next/link';
import { KASM_USER_ID, type IdShift } from '@/lib/kasm/ids';
import { STORAGE_PROVIDERS, STORAGE_PROVIDER_IDS, buildStorageMapping, storageKasmUser, type StorageMappingForm } from '@/lib/kasm/storage-mapping';
import { buildVolumeMapping, volumeKasmUser, volumeMappingIds, type VolumeMappingForm } from '@/lib/kasm/volume-mapping';
import { kasmUserArithmetic, kasmUserFromRange, optInWarning, resolveMappingIds } from '@/lib/sysbox/kasm-user';
import { cn } from '@/lib/utils';
import { BoundCheckbox, BoundChoice, BoundNumber, BoundSelect, BoundText, PatchButton, PatchCheckbox } from './bound-fields';
import { HostFactsNote, knownHostFact, type HostFacts } from './host-facts';
import { HostPathFacts, type HostPathResult } from './host-path-facts';
import { GeneratorLayout, OutputPanel } from './output-panel';

const TABS = [
  { id: 'volume', label: 'Volume mapping' },
  { id: 'storage', label: 'Storage mapping (rclone)' },
] as const;

export type VolumesTab = (typeof TABS)[number]['id'];

/** The two mapping kinds as tabs (?tab=storage); each tab's form lives in the URL. */
export function VolumesTabs({ tab, host, children }: { tab: VolumesTab; host: string | null; children: React.ReactNode }) {
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
      {children}
    </div>
  );
}

const SHIFT_OPTIONS: { value: IdShift; label: string }[] = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'no', label: 'No: files keep their host ids (no ID-mapped mounts / shiftfs)' },
  { value: 'yes', label: 'Yes: Sysbox ID-shifts bind mounts (ID-mapped mounts or shiftfs)' },
];

const str = (n: number | null | undefined): string | null => (n === null || n === undefined ? null : String(n));

/**
 * Server-rendered volume mapping. Without uid/gid in the URL the mapping uses
 * kasm-user's host ids (facts.kasmUser, else the typed-in subuid/subgid start):
 * never a silent 1000. Without idShift in the URL the host's kernel answer is used.
 */
export function VolumeMapping({ form: urlForm, valid, issues: formIssues, facts, has, hostPath }: { form: VolumeMappingForm; valid: VolumeMappingForm | null; issues: string[]; facts: HostFacts; has: (k: string) => boolean; hostPath: HostPathResult }) {
  const hostFact = knownHostFact(facts.kasmUser);
  const idShift: IdShift = !has('idShift') && facts.idShift !== 'unknown' ? facts.idShift : urlForm.idShift;
  const form = { ...urlForm, idShift };
  const ku = volumeKasmUser(form, hostFact);
  const ids = valid ? volumeMappingIds({ ...valid, idShift }, hostFact) : null;
  const output = valid && ids && ids.missing.length === 0 ? buildVolumeMapping({ ...valid, idShift }, hostFact) : null;
  const issues = [...formIssues, ...(ids && ids.missing.length > 0 ? [`${ids.missing.join(' and ')}: unknown on this host; type the sysbox subuid/subgid start or the ids.`] : [])];
  const uid = form.uid ?? ids?.uid ?? undefined;
  const gid = form.gid ?? ids?.gid ?? undefined;
  const optIn = uid === KASM_USER_ID && gid === KASM_USER_ID;
  const idMapped = idShift === 'yes' ? true : idShift === 'no' ? false : null;
  // A changed subuid/subgid start lets the server derive uid/gid from it again.
  const rederive = { uid: null, gid: null };
  const kuIds = { uid: str(ku?.uid), gid: str(ku?.gid) };
  return (
    <GeneratorLayout
      form={
        <>
          <BoundText name="hostPath" label="Host path" value={form.hostPath} mono hint="May contain {username} and {user_id}." />
          <HostPathFacts result={hostPath} />
          <BoundText name="containerPath" label="Container path (bind)" value={form.containerPath} mono />
          <BoundChoice name="mode" label="Mode" value={form.mode} options={[{ value: 'rw', label: 'rw' }, { value: 'ro', label: 'ro' }]} />
          <section className="space-y-3 rounded-md border border-border p-3" aria-label="kasm-user on this host">
            <h2 className="text-sm font-semibold">kasm-user&apos;s ids on this host</h2>
            <HostFactsNote facts={facts} />
            {ku && ku.uid !== null && ku.gid !== null ? (
              <p className="font-mono text-sm" data-testid="kasm-user-ids">
                kasm-user 1000 → host uid/gid {ku.uid}/{ku.gid}
                {hostFact ? ` (from ${facts.hostName}, ${hostFact.source})` : ''}
              </p>
            ) : null}
            {!hostFact ? (
              <>
                <div className="grid grid-cols-2 gap-3">
                  <BoundNumber name="subuidStart" label="sysbox subuid start" value={form.subuidStart} also={rederive} hint="/etc/subuid sysbox:START:65536" />
                  <BoundNumber name="subgidStart" label="sysbox subgid start" value={form.subgidStart} also={rederive} hint="/etc/subgid" />
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
            <BoundSelect name="idShift" label="Does this kernel ID-map bind mounts?" value={idShift} options={SHIFT_OPTIONS} from={!has('idShift') && facts.idShift !== 'unknown' ? facts.hostName : null} />
            <PatchCheckbox
              label="Use 1000/1000 instead (opt-in)"
              current={{ uid: str(uid) ?? '', gid: str(gid) ?? '' }}
              on={{ uid: String(KASM_USER_ID), gid: String(KASM_USER_ID) }}
              off={kuIds}
              hint="Only when the host folder is on a local ext4/xfs/btrfs filesystem and this kernel does ID-mapped mounts: Sysbox then ID-maps the bind mount."
            />
            {optIn ? (
              <p role="alert" className="rounded-md border border-warn/50 bg-warn/10 p-2 text-sm" data-testid="opt-in-warning">
                {optInWarning(ku, idMapped)}
              </p>
            ) : null}
          </section>
          <div className="grid grid-cols-2 gap-3">
            <BoundNumber name="uid" label="uid" value={uid} />
            <BoundNumber name="gid" label="gid" value={gid} />
          </div>
          {ku && ku.uid !== null && ku.gid !== null && !optIn && (ku.uid !== uid || ku.gid !== gid) ? (
            <PatchButton patch={kuIds}>
              Use {ku.uid}/{ku.gid}
            </PatchButton>
          ) : null}
          <BoundCheckbox name="required" label="required" value={form.required} hint="The session fails to start if the host path cannot be mounted." />
          <BoundCheckbox name="skipCheck" label="skip_check" value={form.skipCheck} hint="Do not check that the host path exists first; this also skips Kasm's chown, so the folder must be chowned by hand." />
          <BoundNumber name="timeout" label="timeout (seconds, optional)" value={form.timeout} />
          <BoundChoice name="target" label="Target" value={form.target} options={[{ value: 'workspace', label: 'Workspace' }, { value: 'group', label: 'Group setting (volume_mapping)' }]} />
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

/**
 * Server-rendered storage mapping (FUSE is never ID-shifted): uid/gid are
 * kasm-user's host ids from facts.kasmUser, or from the subuid/subgid start
 * typed in (which wins over the host's), unless the URL sets them.
 */
export function StorageMapping({ form: urlForm, valid, issues: formIssues, facts, has }: { form: StorageMappingForm; valid: StorageMappingForm | null; issues: string[]; facts: HostFacts; has: (k: string) => boolean }) {
  const hostFact = knownHostFact(facts.kasmUser);
  const typed = urlForm.subuidStart !== undefined || urlForm.subgidStart !== undefined;
  const fromTyped = typed ? kasmUserFromRange(urlForm.subuidStart ?? urlForm.subgidStart ?? null, urlForm.subgidStart ?? urlForm.subuidStart ?? null) : null;
  const derive = (f: StorageMappingForm): StorageMappingForm => ({ ...f, uid: f.uid ?? str(fromTyped?.uid) ?? undefined, gid: f.gid ?? str(fromTyped?.gid) ?? undefined });
  const form = derive(urlForm);
  const ids = valid ? resolveMappingIds(derive(valid), storageKasmUser(valid, hostFact), String) : null;
  const output = valid && ids && ids.missing.length === 0 ? buildStorageMapping(derive(valid), hostFact) : null;
  const issues = [...formIssues, ...(ids && ids.missing.length > 0 ? [`${ids.missing.join(' and ')}: unknown on this host; type the sysbox subuid/subgid start or the ids.`] : [])];
  const fromHost = hostFact !== null && hostFact.uid !== null && hostFact.gid !== null && !typed && !has('uid') && !has('gid');
  const uid = form.uid ?? (fromHost ? str(hostFact.uid) : null) ?? '';
  const gid = form.gid ?? (fromHost ? str(hostFact.gid) : null) ?? '';
  const p = form.provider;
  const rederive = { uid: null, gid: null };
  return (
    <GeneratorLayout
      form={
        <>
          <BoundSelect name="provider" label="Provider" value={p} options={STORAGE_PROVIDER_IDS.map((id) => ({ value: id, label: STORAGE_PROVIDERS[id].label }))} />
          {p === 's3' ? (
            <>
              <BoundText name="s3Provider" label="s3-provider" value={form.s3Provider} mono hint="AWS, Minio, Ceph, Wasabi, …" />
              <BoundText name="s3Region" label="s3-region" value={form.s3Region} mono />
              <BoundText name="s3Endpoint" label="s3-endpoint (optional)" value={form.s3Endpoint} mono />
              <BoundCheckbox name="s3EnvAuth" label="s3-env-auth" value={form.s3EnvAuth} hint="Off: each user's keys are entered in Kasm." />
            </>
          ) : null}
          {p === 'nextcloud' ? (
            <p className="text-xs text-muted" data-testid="nextcloud-url-note">
              The WebDAV URL goes in the Nextcloud storage provider&apos;s own URL field in Kasm, which injects it (and each user&apos;s name and app password) into rclone: it is not part of driver_opts.
            </p>
          ) : null}
          {p === 'azure-blob' ? <BoundText name="azureAccount" label="Storage account" value={form.azureAccount} mono hint="The key stays a placeholder: enter it in Kasm." /> : null}
          {p === 'custom' ? <BoundText name="customType" label="rclone type" value={form.customType} mono placeholder="sftp" /> : null}
          <BoundText name="path" label={p === 'azure-blob' ? 'path (the blob container name, required)' : 'path (optional)'} value={form.path} mono />
          <section className="space-y-3 rounded-md border border-border p-3" aria-label="kasm-user on this host">
            <h2 className="text-sm font-semibold">kasm-user&apos;s ids (FUSE mounts are not ID-shifted)</h2>
            <HostFactsNote facts={facts} />
            <div className="grid grid-cols-2 gap-3">
              <BoundNumber name="subuidStart" label="sysbox subuid start" value={form.subuidStart} also={rederive} from={fromHost ? facts.hostName : null} />
              <BoundNumber name="subgidStart" label="sysbox subgid start" value={form.subgidStart} also={rederive} from={fromHost ? facts.hostName : null} />
            </div>
            {form.subuidStart !== undefined ? (
              <p className="font-mono text-sm" data-testid="id-arithmetic">
                kasm-user 1000 → host uid {kasmUserArithmetic(form.subuidStart)}
              </p>
            ) : hostFact && hostFact.uid !== null ? (
              <p className="font-mono text-sm" data-testid="kasm-user-ids">
                kasm-user 1000 → host uid/gid {hostFact.uid}/{hostFact.gid} (from {facts.hostName}, {hostFact.source})
              </p>
            ) : (
              <p className="text-sm text-muted">Type the sysbox subuid/subgid start to get the Sysbox-adjusted uid/gid; 1000 is right only for non-Sysbox Workspaces.</p>
            )}
            <div className="grid grid-cols-2 gap-3">
              <BoundText name="uid" label="uid (string)" value={uid} mono optional />
              <BoundText name="gid" label="gid (string)" value={gid} mono optional />
            </div>
          </section>
          <BoundCheckbox name="allowOther" label="allow_other" value={form.allowOther} hint="Needed so kasm-user can see the FUSE mount." />
          <BoundSelect
            name="vfsCacheMode"
            label="vfs-cache-mode (optional)"
            value={form.vfsCacheMode}
            options={[{ value: '', label: '(rclone default)' }, ...(['off', 'minimal', 'writes', 'full'] as const).map((v) => ({ value: v, label: v }))]}
          />
        </>
      }
      output={
        <OutputPanel output={output} issues={issues} filename="volume_config.json" whereToPaste={`Admin › Storage › Storage Providers › Add (${STORAGE_PROVIDERS[p].kasmType}) › Volume Config (JSON).`} />
      }
    />
  );
}
