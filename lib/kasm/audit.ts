import type { KasmUserFact } from '@/lib/sysbox/kasm-user';
import { located, sortFindings, fromLint, isRootUser, type Judge } from './audit-judge';
import { groupViews, winningGroup } from './audit-kasm-config';
import type { AuditFinding, AuditFix, AuditWorkspace, KasmAudit } from './audit-schema';
import { auditStorage } from './audit-storage';
import { auditWorkspace, type EffectiveMapping } from './audit-workspace';
import type { KasmDeployment } from './deployment';
import { isPlainObject } from './json';
import { lintRunConfig, lintVolumeMappings } from './lint';
import { show } from './lint-findings';

/**
 * The deployment audit (issue #16): every Workspace, group setting and storage
 * provider of a Kasm deployment, judged for Sysbox against one agent's
 * kasm-user identity (`facts.kasmUser`, lib/sysbox/kasm-user.ts). Pure: the
 * server reads Kasm and the host, this module holds all the judgement.
 *
 * How Kasm builds a session's Docker config: see lib/kasm/audit-kasm-config.ts.
 * The parts: audit-schema.ts (the answer's shape), audit-workspace.ts,
 * audit-storage.ts (one Workspace / storage provider), audit-fixes.ts (the
 * corrected JSON), audit-judge.ts (shared judgement); this file assembles
 * them and adds the deployment-wide findings.
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
export * from './audit-schema';
export { fieldText, mergeRunConfig } from './audit-kasm-config';

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
