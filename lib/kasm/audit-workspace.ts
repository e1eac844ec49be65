import { SYSBOX_RUNTIME } from '@/lib/sysbox/runtime';
import type { AuditFinding, AuditFix, AuditWorkspace } from './audit-schema';
import { execConfigFix, runConfigFix, volumeFix, VOLUME_ID_FINDINGS } from './audit-fixes';
import { fromLint, isRootUser, located, type Judge } from './audit-judge';
import { fieldText, mergeRunConfig, type GroupView } from './audit-kasm-config';
import type { KasmImage } from './deployment';
import { findCoreImage, guessFamily, imageInfo, type PackageManager } from './images';
import { isPlainObject } from './json';
import { lintExecConfig, lintRunConfig, lintVolumeMappings } from './lint';
import { show } from './lint-findings';

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

export interface EffectiveMapping {
  entry: unknown;
  /** "volume_mappings" (the Workspace's) or "group <name>: volume_mapping". */
  field: string;
  text: string | null;
}

/** One Workspace judged with its effective config (its own, merged with the winning group's). */
export function auditWorkspace(
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

