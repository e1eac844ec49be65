import { z } from 'zod';
import { describeKeyPath, isPlainObject, parseJson } from './json';
import { toOutput, type GeneratorOutput, type GeneratorWarning } from './output';

const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'an IPv4 CIDR like 172.20.0.1/16');

export const daemonJsonFormSchema = z.object({
  /** The host's current /etc/docker/daemon.json text ('' = no file). */
  current: z.string().max(200_000).default(''),
  runtimePath: z
    .string()
    .regex(/^\/[\w./-]+$/, 'an absolute path')
    .default('/usr/bin/sysbox-runc'),
  /** Also set the guide's bip and default-address-pools. */
  network: z.boolean().default(true),
  bip: cidr.default('172.20.0.1/16'),
  poolBase: cidr.default('172.25.0.0/16'),
  poolSize: z.number().int().min(8).max(30).default(24),
});
export type DaemonJsonForm = z.infer<typeof daemonJsonFormSchema>;

function set(o: Record<string, unknown>, k: string, v: unknown) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * The recommended Sysbox keys merged into the host's daemon.json: every other
 * key is kept; where the host already chose a network value, the host's value
 * is kept and the difference reported.
 */
export function buildDaemonJson(form: DaemonJsonForm): GeneratorOutput<Record<string, unknown> | null> {
  const warnings: GeneratorWarning[] = [];
  let base: Record<string, unknown> = {};
  if (form.current.trim() !== '') {
    const parsed = parseJson(form.current);
    if (!parsed.ok) {
      warnings.push({
        id: 'current.invalid',
        severity: 'error',
        message: `The current daemon.json is not valid JSON (line ${parsed.line}, column ${parsed.column}: ${parsed.message}). Docker will not start with it; fix it first.`,
      });
      return toOutput(null, warnings);
    }
    if (!isPlainObject(parsed.value)) {
      warnings.push({ id: 'current.not-object', severity: 'error', message: 'The current daemon.json is not a JSON object.' });
      return toOutput(null, warnings);
    }
    // dockerd (Go's encoding/json) keeps the last of a repeated key: the earlier setting is silently lost, and so is it in this merge.
    for (const d of parsed.duplicates)
      warnings.push({
        id: 'current.duplicate-key',
        severity: 'error',
        message: `"${describeKeyPath(d.path, d.key)}" appears twice in the current daemon.json (line ${d.first.line}, column ${d.first.column} and line ${d.line}, column ${d.column}): Docker uses only the later value and silently drops the earlier one, and so does this merge. Keep one.`,
      });
    base = { ...parsed.value };
  } else {
    warnings.push({ id: 'current.empty', severity: 'info', message: 'No current daemon.json given: this is the whole file.' });
  }

  const out: Record<string, unknown> = { ...base };
  const runtimes = isPlainObject(out.runtimes) ? { ...out.runtimes } : {};
  if (out.runtimes !== undefined && !isPlainObject(out.runtimes))
    warnings.push({ id: 'conflict.runtimes', severity: 'error', message: '"runtimes" is not an object; replaced with one that registers sysbox-runc.' });
  const existing = runtimes['sysbox-runc'];
  if (isPlainObject(existing) && existing.path !== form.runtimePath)
    warnings.push({
      id: 'conflict.runtime-path',
      severity: 'warning',
      message: `runtimes.sysbox-runc.path was ${JSON.stringify(existing.path)}; set to ${form.runtimePath}.`,
    });
  set(runtimes, 'sysbox-runc', isPlainObject(existing) ? { ...existing, path: form.runtimePath } : { path: form.runtimePath });
  set(out, 'runtimes', runtimes);

  if (form.network) {
    const pools = [{ base: form.poolBase, size: form.poolSize }];
    if (out.bip !== undefined && out.bip !== form.bip)
      warnings.push({ id: 'conflict.bip', severity: 'warning', message: `Kept your "bip": ${JSON.stringify(out.bip)} (the guide suggests ${form.bip}).` });
    else set(out, 'bip', form.bip);
    if (out['default-address-pools'] !== undefined && JSON.stringify(out['default-address-pools']) !== JSON.stringify(pools))
      warnings.push({
        id: 'conflict.address-pools',
        severity: 'warning',
        message: `Kept your "default-address-pools" (the guide suggests ${JSON.stringify(pools)}).`,
      });
    else set(out, 'default-address-pools', pools);
  }

  if (out['default-runtime'] === 'sysbox-runc')
    warnings.push({
      id: 'default-runtime',
      severity: 'warning',
      message: '"default-runtime": "sysbox-runc" runs Kasm\'s own service containers under Sysbox too; set the runtime per Workspace instead.',
    });
  if (out['userns-remap'] !== undefined)
    warnings.push({
      id: 'userns-remap',
      severity: 'info',
      message: `"userns-remap" is set: Sysbox honours it, and every container (Sysbox or not) then runs in a user namespace.`,
    });
  warnings.push({
    id: 'apply',
    severity: 'info',
    message: 'Save as /etc/docker/daemon.json. A new runtime alone is picked up by `sudo systemctl reload docker`; changing bip or default-address-pools needs `sudo systemctl restart docker` (running containers stop unless live-restore is on).',
  });
  return toOutput(out, warnings);
}
