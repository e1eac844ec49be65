import type { KasmUserFact } from '@/lib/sysbox/kasm-user';
import type { AuditFix } from './audit-schema';
import { buildExecConfig, execConfigFormSchema } from './exec-config';
import { isPlainObject } from './json';
import { buildRunConfig, runConfigFormSchema } from './run-config';
import { encodeFormState } from './url-state';
import { buildVolumeMapping, volumeMappingFormSchema, type KasmVolumeMappings } from './volume-mapping';

/** The corrected JSON the audit offers for a field, made by the generators and linked to the generator pre-filled with it. */

function hrefWith(path: string, params: URLSearchParams, host: string): string {
  if (host !== 'local') params.set('host', host);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

export function runConfigFix(image: string, ws: Record<string, unknown>, hostId: string): AuditFix {
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

export function execConfigFix(image: string, hostId: string): AuditFix {
  const form = execConfigFormSchema.parse({ image: image.slice(0, 256) || undefined });
  return {
    field: 'exec_config',
    label: 'Docker Exec Config (JSON)',
    text: buildExecConfig(form).text,
    href: hrefWith('/generate/exec-config', new URLSearchParams({ image: form.image }), hostId),
  };
}

export function volumeFix(mappings: Record<string, unknown>, ku: KasmUserFact, hostId: string): AuditFix | null {
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
export const VOLUME_ID_FINDINGS = new Set(['sysbox.uid-1000', 'sysbox.ids-wrong']);
