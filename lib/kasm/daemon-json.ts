import { z } from 'zod';
import { SYSBOX_RUNTIME } from '@/lib/sysbox/runtime';
import { SYSBOX_ADDRESS_POOL, SYSBOX_BIP, SYSBOX_RUNC_PATH, mergeSysboxKeys, type SysboxKeyConflict } from '@/lib/sysbox/daemon-json';
import { describeKeyPath, isPlainObject, parseJson } from './json';
import { toOutput, type GeneratorOutput, type GeneratorWarning } from './output';

const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'an IPv4 CIDR like 172.20.0.1/16');

export const daemonJsonFormSchema = z.object({
  /** The host's current /etc/docker/daemon.json text ('' = no file). */
  current: z.string().max(200_000).default(''),
  runtimePath: z
    .string()
    .regex(/^\/[\w./-]+$/, 'an absolute path')
    .default(SYSBOX_RUNC_PATH),
  /** Also set the guide's bip and default-address-pools. */
  network: z.boolean().default(true),
  bip: cidr.default(SYSBOX_BIP),
  poolBase: cidr.default(SYSBOX_ADDRESS_POOL.base),
  poolSize: z.number().int().min(8).max(30).default(SYSBOX_ADDRESS_POOL.size),
});
export type DaemonJsonForm = z.infer<typeof daemonJsonFormSchema>;

/** The generator's words for a difference the one merge (lib/sysbox/daemon-json.ts) reports. */
function conflictWarning(c: SysboxKeyConflict): GeneratorWarning {
  switch (c.key) {
    case 'runtimes':
      return { id: 'conflict.runtimes', severity: 'error', message: `"runtimes" is not an object; replaced with one that registers ${SYSBOX_RUNTIME}.` };
    case 'runtime-path':
      return { id: 'conflict.runtime-path', severity: 'warning', message: `runtimes.${SYSBOX_RUNTIME}.path was ${JSON.stringify(c.was)}; set to ${c.now}.` };
    case 'bip':
      return { id: 'conflict.bip', severity: 'warning', message: `Kept your "bip": ${JSON.stringify(c.kept)} (the guide suggests ${c.suggested}).` };
    case 'default-address-pools':
      return { id: 'conflict.address-pools', severity: 'warning', message: `Kept your "default-address-pools" (the guide suggests ${JSON.stringify(c.suggested)}).` };
  }
}

/**
 * The recommended Sysbox keys merged into the host's daemon.json by the one
 * merge the Overview uses too (`mergeSysboxKeys`), with the form's runtime
 * path and network values: every other key is kept; where the host already
 * chose a network value, the host's value is kept and the difference reported.
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

  const merged = mergeSysboxKeys(base, {
    runtimePath: form.runtimePath,
    network: form.network && { bip: form.bip, addressPools: [{ base: form.poolBase, size: form.poolSize }] },
  });
  warnings.push(...merged.conflicts.map(conflictWarning));
  const out = merged.json;

  if (out['default-runtime'] === SYSBOX_RUNTIME)
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
