import type { AuditFinding, AuditFix, AuditWorkspace, KasmAudit } from './audit-schema';
import { judgeIds, located, sortFindings, type Judge } from './audit-judge';
import { fieldText } from './audit-kasm-config';
import type { KasmStorageProvider } from './deployment';
import { isPlainObject } from './json';

/**
 * One storage provider judged for Sysbox. Its Volume Config is the rclone
 * volume plugin's: driver "rclone" and driver_opts as strings, uid/gid
 * included (Kasm's Custom Storage Provider guide,
 * https://kasmweb.com/docs/latest/guide/storage_providers/custom.html).
 */
export function auditStorage(
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
