import { z } from 'zod';
import { SYSBOX_RUNTIME } from '@/lib/sysbox/container-findings';
import type { KasmUserFact } from '@/lib/sysbox/kasm-user';
import type { KasmDeployment, KasmGroup, KasmImage, KasmStorageProvider } from './deployment';
import { buildExecConfig, execConfigFormSchema } from './exec-config';
import { findCoreImage, guessFamily, imageInfo, type PackageManager } from './images';
import { isPlainObject, parseJson, parseJsonValue, type JsonPath } from './json';
import { lintExecConfig, lintRunConfig, lintVolumeMappings } from './lint';
import { severitySchema, type Finding, type Severity } from './output';
import { buildRunConfig, runConfigFormSchema } from './run-config';
import { encodeFormState } from './url-state';
import { buildVolumeMapping, volumeMappingFormSchema, type KasmVolumeMappings } from './volume-mapping';

/**
 * The deployment audit (issue #16): every Workspace, group setting and storage
 * provider of a Kasm deployment, judged for Sysbox against one agent's
 * kasm-user identity (`facts.kasmUser`, lib/sysbox/kasm-user.ts). Pure: the
 * server reads Kasm and the host, this module holds all the judgement.
 *
 * How Kasm builds a session's Docker config (domain.md §2, Kasm 1.15):
 * start from {"user": "1000"}, merge the Workspace's run_config, then ONE
 * group's run_config (the lowest priority number among the user's groups that
 * have one); per top-level key, objects merge one level deep, everything else
 * (lists included) is replaced. Volume mappings of all groups are combined with
 * the Workspace's (a group's entry wins on the same host path).
 *
 * Choices the issue leaves open (README "Kasm audit"):
 * - Group membership is per user, and the API calls we make do not list it,
 *   so the effective config is the one of a user who is in every group (the
 *   lowest-priority-number group with a run_config wins); any other group that
 *   sets `user` is reported too, as it applies to its own members.
 * - Storage providers are offered to every user and mapped per user, group or
 *   Workspace (storage mappings are not readable with the four read verbs), so
 *   an enabled provider counts as attached to every enabled Workspace.
 * - Disabled Workspaces are listed and linted but left out of "shared across
 *   runtimes", as no session can start from them.
 */

export const auditFindingSchema = z.object({
  id: z.string(),
  severity: severitySchema,
  message: z.string(),
  /** The Kasm field: run_config, exec_config, volume_mappings, require_gpu, ..., or "group <name>: run_config". */
  field: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type AuditFinding = z.infer<typeof auditFindingSchema>;

/** A corrected JSON for one field: what to paste, and the generator pre-filled with it. */
export const auditFixSchema = z.object({ field: z.string(), label: z.string(), text: z.string(), href: z.string() });
export type AuditFix = z.infer<typeof auditFixSchema>;

export const auditWorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  friendlyName: z.string().nullable(),
  image: z.string(),
  enabled: z.boolean(),
  sysbox: z.boolean(),
  effective: z.object({
    runConfig: z.record(z.string(), z.unknown()),
    execConfig: z.unknown(),
    volumeMappings: z.record(z.string(), z.unknown()),
  }),
  /** Which group's run_config was merged in (name), or null. */
  runConfigGroup: z.string().nullable(),
  /** The Workspace's own fields as Kasm holds them (pretty JSON; line/column refer to these). */
  source: z.object({ runConfig: z.string().nullable(), execConfig: z.string().nullable(), volumeMappings: z.string().nullable() }),
  findings: z.array(auditFindingSchema),
  fixes: z.array(auditFixSchema),
});
export type AuditWorkspace = z.infer<typeof auditWorkspaceSchema>;

export const kasmAuditSchema = z.object({
  fetchedAt: z.string(),
  host: z.object({ id: z.string(), name: z.string() }),
  kasmUser: z.object({
    uid: z.number().int().nullable(),
    gid: z.number().int().nullable(),
    rangeStart: z.object({ uid: z.number().int().nullable(), gid: z.number().int().nullable() }),
    source: z.enum(['live-map', 'subuid', 'per-container', 'unknown']),
    explanation: z.string(),
  }),
  /** Deployment-wide findings (shared mappings across runtimes, groups overriding user). */
  findings: z.array(auditFindingSchema),
  workspaces: z.array(auditWorkspaceSchema),
  groups: z.array(
    z.object({ id: z.string(), name: z.string(), priority: z.number().nullable(), findings: z.array(auditFindingSchema), fixes: z.array(auditFixSchema) }),
  ),
  storageProviders: z.array(z.object({ name: z.string(), type: z.string().nullable(), findings: z.array(auditFindingSchema), fixes: z.array(auditFixSchema) })),
});
export type KasmAudit = z.infer<typeof kasmAuditSchema>;

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const sortFindings = (f: AuditFinding[]) => [...f].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);

/** The text the admin sees in Kasm's editor (and that line/column refer to): the string as stored, or 2-space JSON. */
export function fieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (isPlainObject(value) && Object.keys(value).length === 0) return null;
  return JSON.stringify(value, null, 2);
}

function located(text: string | null, path: JsonPath): { line?: number; column?: number } {
  if (text === null) return {};
  const p = parseJson(text);
  const at = p.ok ? p.positionOf(path) : undefined;
  return at ? { line: at.line, column: at.column } : {};
}

function fromLint(list: Finding[], field: string): AuditFinding[] {
  return list.map((f) => ({ ...f, field }));
}

const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const isRootUser = (u: unknown) => u === 0 || u === '0' || u === 'root' || u === '0:0';

/** Kasm's merge of one run_config over another: objects one level deep, everything else replaced. */
export function mergeRunConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    const value = isPlainObject(b) && isPlainObject(v) ? { ...b, ...v } : v;
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

interface GroupView {
  group: KasmGroup;
  name: string;
  priority: number | null;
  runConfig: unknown;
  runConfigText: string | null;
  volumeMapping: unknown;
  volumeMappingText: string | null;
}

function settingValue(settings: KasmDeployment['groups'][number]['settings'], name: string): unknown {
  const s = settings.find((x) => x.name === name);
  if (!s || s.value === null || s.value === undefined) return null;
  if (typeof s.value !== 'string') return s.value;
  if (s.value.trim() === '') return null;
  // A setting that is not JSON is kept as the text Kasm holds, so the linters say where it breaks.
  const parsed = parseJsonValue(s.value);
  return parsed.ok ? parsed.value : s.value;
}

function groupViews(d: KasmDeployment): GroupView[] {
  return d.groups.map(({ group, settings }) => {
    const runConfig = settingValue(settings, 'run_config');
    const volumeMapping = settingValue(settings, 'volume_mapping');
    return {
      group,
      name: group.name,
      priority: typeof group.priority === 'number' ? group.priority : null,
      runConfig,
      runConfigText: fieldText(runConfig),
      volumeMapping,
      volumeMappingText: fieldText(volumeMapping),
    };
  });
}

/** The group whose run_config Kasm merges for a user in every group: the lowest priority number that has one. */
function winningGroup(groups: GroupView[]): GroupView | null {
  let best: GroupView | null = null;
  for (const g of groups) {
    if (!isPlainObject(g.runConfig) || Object.keys(g.runConfig).length === 0) continue;
    const p = g.priority ?? Number.POSITIVE_INFINITY;
    if (best === null || p < (best.priority ?? Number.POSITIVE_INFINITY)) best = g;
  }
  return best;
}

/** The package manager a shell command uses to install something, if any. */
function installerIn(cmd: string): PackageManager | null {
  const m = /\b(apt-get|apt|dnf|yum|microdnf|zypper|apk)\b\s+(?:-\S+\s+)*(install|add)\b/.exec(cmd);
  if (!m) return null;
  const word = m[1];
  if (word === 'apt' || word === 'apt-get') return 'apt-get';
  if (word === 'dnf' || word === 'yum' || word === 'microdnf') return 'dnf';
  if (word === 'zypper') return 'zypper';
  return 'apk';
}

interface Judge {
  host: string;
  kasmUser: KasmUserFact;
}

/**
 * uid/gid of a bind mount under Sysbox, per domain.md §4: the subuid start +
 * 1000 (facts.kasmUser) is never shifted and works everywhere; 1000/1000 works
 * only where Sysbox ID-maps the mount (local filesystem with ID-mapped
 * mounts), and never for rclone storage (FUSE is not shifted).
 */
function judgeIds(j: Judge, uid: unknown, gid: unknown, what: string, fuse: boolean): { severity: Severity; message: string } | null {
  const ku = j.kasmUser;
  if (ku.uid === null || ku.gid === null) return null;
  const u = Number(uid);
  const g = Number(gid);
  if (u === ku.uid && g === ku.gid) return null;
  const right = `${ku.uid}/${ku.gid}`;
  if (u === 1000 && g === 1000) {
    if (fuse)
      return {
        severity: 'warning',
        message: `${what} uses uid/gid 1000/1000, but rclone storage is a FUSE mount, which Sysbox never ID-shifts: kasm-user is host ${right} on ${j.host}, so it sees these files as nobody. Use "${ku.uid}"/"${ku.gid}".`,
      };
    return {
      severity: 'warning',
      message: `${what} uses uid/gid 1000/1000: that works only where Sysbox can ID-map the mount (a local ext4/xfs/btrfs folder on a kernel with ID-mapped mounts) and fails or shows nobody on NFS/CIFS. ${right} (kasm-user on ${j.host}) works on every filesystem.`,
    };
  }
  return {
    severity: 'warning',
    message: `${what} uses uid/gid ${show(uid)}/${show(gid)}, but kasm-user is host ${right} on ${j.host}: under Sysbox kasm-user cannot write there. Use ${right}.`,
  };
}

function hrefWith(path: string, params: URLSearchParams, host: string): string {
  if (host !== 'local') params.set('host', host);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

function runConfigFix(image: string, ws: Record<string, unknown>, hostId: string): AuditFix {
  const env = isPlainObject(ws.environment)
    ? Object.entries(ws.environment)
        .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        .map(([key, value]) => ({ key, value: String(value) }))
    : [];
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ws))
    if (!['runtime', 'entrypoint', 'user', 'hostname', 'environment', 'shm_size'].includes(k))
      Object.defineProperty(extra, k, { value: v, enumerable: true, writable: true, configurable: true });
  const candidate = {
    image,
    hostname: typeof ws.hostname === 'string' ? ws.hostname : '',
    environment: env,
    shmSize: typeof ws.shm_size === 'string' ? ws.shm_size : '',
    extra,
  };
  // Pre-filled with the Workspace's current values where the form accepts them; anything it refuses falls back to its default.
  const parsed = runConfigFormSchema.safeParse(candidate);
  const form = parsed.success ? parsed.data : runConfigFormSchema.parse({ image: image.slice(0, 256) || undefined });
  const out = buildRunConfig(form);
  return {
    field: 'run_config',
    label: 'Docker Run Config Override (JSON)',
    text: out.text,
    href: hrefWith('/generate/run-config', new URLSearchParams({ image: form.image }), hostId),
  };
}

function execConfigFix(image: string, hostId: string): AuditFix {
  const form = execConfigFormSchema.parse({ image: image.slice(0, 256) || undefined });
  return {
    field: 'exec_config',
    label: 'Docker Exec Config (JSON)',
    text: buildExecConfig(form).text,
    href: hrefWith('/generate/exec-config', new URLSearchParams({ image: form.image }), hostId),
  };
}

function volumeFix(mappings: Record<string, unknown>, ku: KasmUserFact, hostId: string): AuditFix | null {
  if (ku.uid === null || ku.gid === null) return null;
  const json: KasmVolumeMappings = {};
  let first: URLSearchParams | null = null;
  for (const [hostPath, e] of Object.entries(mappings)) {
    if (!isPlainObject(e)) continue;
    const r = volumeMappingFormSchema.safeParse({
      hostPath,
      containerPath: e.bind,
      mode: e.mode === 'ro' ? 'ro' : 'rw',
      uid: ku.uid,
      gid: ku.gid,
      required: typeof e.required === 'boolean' ? e.required : true,
      skipCheck: typeof e.skip_check === 'boolean' ? e.skip_check : false,
      timeout: typeof e.timeout === 'number' && e.timeout > 0 && e.timeout <= 3600 ? e.timeout : undefined,
    });
    if (!r.success) continue;
    Object.assign(json, buildVolumeMapping(r.data).json);
    first ??= encodeFormState(r.data, volumeMappingFormSchema.parse({}));
  }
  if (first === null) return null;
  return {
    field: 'volume_mappings',
    label: 'Volume Mappings (JSON)',
    text: JSON.stringify(json, null, 2),
    href: hrefWith('/generate/volumes', first, hostId),
  };
}

/** The volume linter's uid/gid findings (lib/kasm/lint.ts), which the corrected Volume Mappings fix. */
const VOLUME_ID_FINDINGS = new Set(['sysbox.uid-1000', 'sysbox.ids-wrong']);

interface EffectiveMapping {
  entry: unknown;
  /** "volume_mappings" (the Workspace's) or "group <name>: volume_mapping". */
  field: string;
  text: string | null;
}

export interface AuditInput {
  deployment: KasmDeployment;
  host: { id: string; name: string };
  kasmUser: KasmUserFact;
}

/** The whole audit. Deterministic: same deployment and facts, same answer. */
export function auditDeployment({ deployment, host, kasmUser }: AuditInput): KasmAudit {
  const j: Judge = { host: host.name, kasmUser };
  const groups = groupViews(deployment);
  const winner = winningGroup(groups);
  const winnerRc = winner && isPlainObject(winner.runConfig) ? winner.runConfig : {};

  const workspaces: AuditWorkspace[] = [];
  const mappingsByWs = new Map<string, Map<string, EffectiveMapping>>();
  for (const img of deployment.images) {
    const { ws, mappings } = auditWorkspace(img, groups, winner, winnerRc, j, host.id);
    workspaces.push(ws);
    mappingsByWs.set(ws.id, mappings);
  }

  const enabled = workspaces.filter((w) => w.enabled);
  const sysboxWs = enabled.filter((w) => w.sysbox);
  const plainWs = enabled.filter((w) => !w.sysbox);
  const names = (list: AuditWorkspace[]) => {
    const shown = list.slice(0, 5).map((w) => w.name);
    return list.length > 5 ? `${shown.join(', ')} and ${list.length - 5} more` : shown.join(', ');
  };
  const deploymentFindings: AuditFinding[] = [];

  if ((kasmUser.uid === null || kasmUser.gid === null) && sysboxWs.length > 0)
    deploymentFindings.push({
      id: 'audit.kasm-user-unknown',
      severity: 'info',
      field: 'host',
      message: `kasm-user's host uid/gid on ${host.name} is not known, so volume and storage uid/gid are not judged: ${kasmUser.explanation}`,
    });

  // Volume host paths mapped into Sysbox and non-Sysbox Workspaces alike (the guide: "will cause permission problems").
  const users = new Map<string, { sysbox: AuditWorkspace[]; plain: AuditWorkspace[]; fields: Set<string> }>();
  for (const w of enabled) {
    for (const [hostPath, m] of mappingsByWs.get(w.id) ?? []) {
      const u = users.get(hostPath) ?? { sysbox: [], plain: [], fields: new Set<string>() };
      (w.sysbox ? u.sysbox : u.plain).push(w);
      u.fields.add(m.field);
      users.set(hostPath, u);
    }
  }
  for (const [hostPath, u] of users) {
    if (u.sysbox.length === 0 || u.plain.length === 0) continue;
    const message = `Host path ${hostPath} is mapped into Sysbox Workspaces (${names(u.sysbox)}) and non-Sysbox Workspaces (${names(u.plain)}): under Sysbox kasm-user is a different host uid, so one side gets permission errors. Use a separate folder per runtime.`;
    deploymentFindings.push({ id: 'shared.volume', severity: 'warning', field: [...u.fields].join(', '), message });
    for (const w of [...u.sysbox, ...u.plain]) {
      const m = mappingsByWs.get(w.id)?.get(hostPath);
      w.findings.push({ id: 'shared.volume', severity: 'warning', field: m?.field ?? 'volume_mappings', message, ...located(m?.text ?? null, [hostPath]) });
    }
  }

  // Groups.
  const groupOut = groups.map((g) => {
    const findings: AuditFinding[] = [];
    const fixes: AuditFix[] = [];
    if (g.runConfigText !== null) findings.push(...fromLint(lintRunConfig(g.runConfigText).filter((f) => f.id !== 'sysbox.no-runtime'), 'run_config'));
    if (g.volumeMappingText !== null)
      findings.push(...fromLint(lintVolumeMappings(g.volumeMappingText, sysboxWs.length > 0 ? { kasmUser } : {}), 'volume_mapping'));
    if (isPlainObject(g.runConfig) && 'user' in g.runConfig && !isRootUser(g.runConfig.user) && sysboxWs.length > 0) {
      const message = `Group ${g.name} sets "user": ${show(g.runConfig.user)} in its run_config, which replaces the Workspace's "user": 0 for its members (a group's run_config wins per key): Sysbox Workspaces (${names(sysboxWs)}) then start systemd as a normal user and fail. Remove "user" from the group's run_config.`;
      findings.push({ id: 'group.user-override', severity: 'error', field: 'run_config', message, ...located(g.runConfigText, ['user']) });
      deploymentFindings.push({ id: 'group.user-override', severity: 'error', field: `group ${g.name}: run_config`, message });
      const { user: _dropped, ...rest } = g.runConfig;
      void _dropped;
      fixes.push({ field: 'run_config', label: `Group ${g.name}: run_config without "user"`, text: JSON.stringify(rest, null, 2), href: '/generate/run-config?target=group' });
    }
    return { id: g.group.group_id, name: g.name, priority: g.priority, findings: sortFindings(findings), fixes };
  });

  // Storage providers.
  const storageOut = deployment.storageProviders.map((p) => auditStorage(p, j, sysboxWs, plainWs, names, deploymentFindings));

  for (const w of workspaces) w.findings = sortFindings(w.findings);
  return {
    fetchedAt: deployment.fetchedAt,
    host,
    kasmUser: { ...kasmUser },
    findings: sortFindings(deploymentFindings),
    workspaces,
    groups: groupOut,
    storageProviders: storageOut,
  };
}

function auditStorage(
  p: KasmStorageProvider,
  j: Judge,
  sysboxWs: AuditWorkspace[],
  plainWs: AuditWorkspace[],
  names: (l: AuditWorkspace[]) => string,
  deploymentFindings: AuditFinding[],
): KasmAudit['storageProviders'][number] {
  const findings: AuditFinding[] = [];
  const fixes: AuditFix[] = [];
  const vc = p.volume_config;
  const text = fieldText(vc);
  const enabled = p.enabled !== false;
  if (vc !== null && !isPlainObject(vc)) {
    findings.push({ id: 'storage.volume-config', severity: 'error', field: 'volume_config', message: `Volume Config of ${p.name} is not a JSON object: Kasm cannot mount it.` });
  } else if (isPlainObject(vc) && enabled && sysboxWs.length > 0) {
    const opts = isPlainObject(vc.driver_opts) ? vc.driver_opts : {};
    const uid = opts.uid;
    const gid = opts.gid;
    if (uid === undefined || gid === undefined) {
      if (j.kasmUser.uid !== null && j.kasmUser.gid !== null)
        findings.push({
          id: 'sysbox.storage-ids',
          severity: 'warning',
          field: 'volume_config',
          message: `Volume Config of ${p.name} sets no driver_opts uid/gid: rclone's files then belong to root of the plugin, and kasm-user in Sysbox Workspaces cannot write. Add "uid": "${j.kasmUser.uid}", "gid": "${j.kasmUser.gid}" (kasm-user on ${j.host}).`,
          ...located(text, ['driver_opts']),
        });
    } else {
      const v = judgeIds(j, uid, gid, `Storage provider ${p.name}`, true);
      if (v) findings.push({ id: 'sysbox.storage-ids', ...v, field: 'volume_config', ...located(text, ['driver_opts', 'uid']) });
      if (typeof uid !== 'string' || typeof gid !== 'string')
        findings.push({ id: 'storage.ids-type', severity: 'error', field: 'volume_config', message: 'rclone driver_opts uid/gid must be strings ("1000"), not numbers.', ...located(text, ['driver_opts', 'uid']) });
    }
    if (findings.length > 0 && j.kasmUser.uid !== null && j.kasmUser.gid !== null) {
      const fixed = { ...vc, driver_opts: { ...opts, uid: String(j.kasmUser.uid), gid: String(j.kasmUser.gid) } };
      fixes.push({ field: 'volume_config', label: `Storage provider ${p.name}: Volume Config (JSON)`, text: JSON.stringify(fixed, null, 2), href: '/generate/volumes?tab=storage' });
    }
  }
  if (enabled && sysboxWs.length > 0 && plainWs.length > 0) {
    const message = `Storage provider ${p.name} can be mapped into Sysbox Workspaces (${names(sysboxWs)}) and non-Sysbox Workspaces (${names(plainWs)}): its files get one owner, so one side sees them as nobody. Use a separate provider for Sysbox Workspaces.`;
    findings.push({ id: 'shared.storage', severity: 'warning', field: 'storage provider', message });
    deploymentFindings.push({ id: 'shared.storage', severity: 'warning', field: `storage provider ${p.name}`, message });
  }
  return { name: p.name, type: p.storage_provider_type ?? null, findings: sortFindings(findings), fixes };
}

function auditWorkspace(
  img: KasmImage,
  groups: GroupView[],
  winner: GroupView | null,
  winnerRc: Record<string, unknown>,
  j: Judge,
  hostId: string,
): { ws: AuditWorkspace; mappings: Map<string, EffectiveMapping> } {
  const findings: AuditFinding[] = [];
  const fixes: AuditFix[] = [];
  const wsRc = isPlainObject(img.run_config) ? img.run_config : {};
  const rcText = fieldText(img.run_config);
  const ecText = fieldText(img.exec_config);
  const vmText = fieldText(img.volume_mappings);
  const effectiveRc = mergeRunConfig(mergeRunConfig({ user: '1000' }, wsRc), winnerRc);
  const sysbox = effectiveRc.runtime === SYSBOX_RUNTIME;
  const info = imageInfo(img.name);

  // The existing linters, on each field as Kasm holds it (line/column inside that field).
  if (rcText !== null)
    findings.push(...fromLint(lintRunConfig(rcText, winner ? { group: winnerRc } : {}).filter((f) => f.id !== 'sysbox.no-runtime'), 'run_config'));
  if (ecText !== null) findings.push(...fromLint(lintExecConfig(ecText), 'exec_config'));
  // Under Sysbox the volume linter judges uid/gid against the agent's kasm-user (issue #11's rule).
  if (vmText !== null) findings.push(...fromLint(lintVolumeMappings(vmText, sysbox ? { kasmUser: j.kasmUser } : {}), 'volume_mappings'));

  // Effective volume mappings: the Workspace's, then every group's (a group wins on the same host path).
  const mappings = new Map<string, EffectiveMapping>();
  if (isPlainObject(img.volume_mappings))
    for (const [k, e] of Object.entries(img.volume_mappings)) mappings.set(k, { entry: e, field: 'volume_mappings', text: vmText });
  for (const g of groups)
    if (isPlainObject(g.volumeMapping))
      for (const [k, e] of Object.entries(g.volumeMapping)) mappings.set(k, { entry: e, field: `group ${g.name}: volume_mapping`, text: g.volumeMappingText });

  // A whole-view finding replaces the linter's one with the same id on the same field (the linter sees one field only).
  const replace = (f: AuditFinding) => {
    for (let i = findings.length - 1; i >= 0; i--) if (findings[i]?.id === f.id && findings[i]?.field === f.field) findings.splice(i, 1);
    findings.push(f);
  };
  if (sysbox) {
    for (let i = findings.length - 1; i >= 0; i--) if (findings[i]?.id === 'sysbox.user-not-root' && !isRootUser(effectiveRc.user)) findings.splice(i, 1);
    const where = winner && 'user' in winnerRc ? ` (group ${winner.name} sets it)` : '';
    if (!isRootUser(effectiveRc.user)) {
      if (winner && 'user' in winnerRc)
        findings.push({
          id: 'sysbox.group-user',
          severity: 'error',
          field: `group ${winner.name}: run_config`,
          message: `Runs under Sysbox, but group ${winner.name}'s run_config sets "user": ${show(winnerRc.user)}, which replaces the Workspace's "user" for its members: systemd cannot start as a normal user.`,
          ...located(winner.runConfigText, ['user']),
        });
      else
        replace({
          id: 'sysbox.user-missing',
          severity: 'error',
          field: 'run_config',
          message: `Runs under Sysbox without "user": 0: Kasm starts it as "${String(effectiveRc.user)}"${where}, so /sbin/init cannot run as root. Add "user": 0.`,
          ...located(rcText, 'user' in wsRc ? ['user'] : ['runtime']),
        });
    }
    const ep = effectiveRc.entrypoint;
    const entry = Array.isArray(ep) ? ep[0] : typeof ep === 'string' ? ep.split(/\s+/)[0] : undefined;
    if (entry !== '/sbin/init' && info.systemd)
      replace({
        id: 'sysbox.no-init',
        severity: 'warning',
        field: 'run_config',
        message: `Runs under Sysbox without entrypoint ["/sbin/init"]: systemd does not start, so ${img.name} runs as a plain container (no root-level services, no sudo hook).`,
        ...located(rcText, 'entrypoint' in wsRc ? ['entrypoint'] : ['runtime']),
      });
    if (img.require_gpu === true || (typeof img.gpu_count === 'number' && img.gpu_count > 0))
      findings.push({
        id: 'sysbox.gpu',
        severity: 'error',
        field: img.require_gpu === true ? 'require_gpu' : 'gpu_count',
        message: `Runs under Sysbox but asks for a GPU (require_gpu ${show(img.require_gpu ?? false)}, gpu_count ${show(img.gpu_count ?? 0)}): NVIDIA GPUs do not work under Sysbox. Turn GPU off for this Workspace or run it without Sysbox.`,
      });
    if (typeof img.persistent_profile_path === 'string' && img.persistent_profile_path.trim() !== '')
      findings.push({
        id: 'sysbox.persistent-profile',
        severity: 'error',
        field: 'persistent_profile_path',
        message: `Runs under Sysbox with a persistent profile (${img.persistent_profile_path}): the guide lists persistent profiles as incompatible with Sysbox. Clear Persistent Profile Path or run it without Sysbox.`,
      });
    // Group volume mappings are judged once, on the group (lintVolumeMappings with kasm-user there).
  }

  // exec_config giving sudo with a package manager the image family does not use.
  const family = findCoreImage(img.name)?.family ?? guessFamily(img.name);
  if (isPlainObject(img.exec_config) && family !== null) {
    for (const [hook, h] of Object.entries(img.exec_config)) {
      if (!isPlainObject(h) || typeof h.cmd !== 'string' || !/sudo/.test(h.cmd)) continue;
      const used = installerIn(h.cmd);
      if (used !== null && used !== info.packageManager)
        findings.push({
          id: 'exec.package-manager',
          severity: 'error',
          field: 'exec_config',
          message: `${hook}.cmd installs sudo with ${used}, but ${img.name} is a ${info.family} image that uses ${info.packageManager}: the hook fails and kasm-user gets no sudo.`,
          ...located(ecText, [hook, 'cmd']),
        });
    }
  }

  const has = (pred: (f: AuditFinding) => boolean) => findings.some((f) => f.severity !== 'info' && pred(f));
  if (sysbox && has((f) => f.field === 'run_config')) fixes.push(runConfigFix(img.name, wsRc, hostId));
  if (has((f) => f.field === 'exec_config')) fixes.push(execConfigFix(img.name, hostId));
  if (sysbox && isPlainObject(img.volume_mappings) && has((f) => f.field === 'volume_mappings' && VOLUME_ID_FINDINGS.has(f.id))) {
    const fix = volumeFix(img.volume_mappings, j.kasmUser, hostId);
    if (fix) fixes.push(fix);
  }

  const friendly = typeof img.friendly_name === 'string' && img.friendly_name !== '' ? img.friendly_name : null;
  const effectiveVm: Record<string, unknown> = {};
  for (const [k, m] of mappings) Object.defineProperty(effectiveVm, k, { value: m.entry, enumerable: true, writable: true, configurable: true });
  return {
    ws: {
      id: img.image_id,
      name: friendly ?? img.name,
      friendlyName: friendly,
      image: img.name,
      enabled: img.enabled !== false,
      sysbox,
      effective: { runConfig: effectiveRc, execConfig: img.exec_config ?? null, volumeMappings: effectiveVm },
      runConfigGroup: winner ? winner.name : null,
      source: { runConfig: rcText, execConfig: ecText, volumeMappings: vmText },
      findings,
      fixes,
    },
    mappings,
  };
}
