import { z } from 'zod';
import { KASM_USER_ID, idArithmetic, idShiftSchema, kasmUserHostId } from './ids';
import { toOutput, type GeneratorOutput, type GeneratorWarning } from './output';
import { targetSchema } from './run-config';

const hostPath = z
  .string()
  .trim()
  .min(2)
  .max(1024)
  .regex(/^\/[^\0]*$/, 'an absolute host path (may contain {username} and {user_id})');
const containerPath = z
  .string()
  .trim()
  .min(2)
  .max(1024)
  .regex(/^\/[^\0]*$/, 'an absolute path inside the container');
const id = z.number().int().min(0).max(4294967294);

/** One entry as Kasm validates it: bind, mode, uid, gid required; uid/gid integers; mode rw|ro. */
export const kasmVolumeMappingEntrySchema = z
  .object({
    bind: z.string().min(1),
    mode: z.enum(['rw', 'ro']),
    uid: z.number().int(),
    gid: z.number().int(),
    required: z.boolean().optional(),
    skip_check: z.boolean().optional(),
    timeout: z.number().positive().optional(),
  })
  .strict();
export const kasmVolumeMappingsSchema = z.record(z.string().min(1), kasmVolumeMappingEntrySchema);
export type KasmVolumeMappings = z.infer<typeof kasmVolumeMappingsSchema>;

export const volumeMappingFormSchema = z.object({
  hostPath: hostPath.default('/srv/kasm/shared/{username}'),
  containerPath: containerPath.default('/home/kasm-user/shared'),
  mode: z.enum(['rw', 'ro']).default('rw'),
  uid: id.default(KASM_USER_ID),
  gid: id.default(KASM_USER_ID),
  required: z.boolean().default(true),
  skipCheck: z.boolean().default(false),
  /** Seconds Kasm waits for the host path; omitted when empty. */
  timeout: z.number().positive().max(3600).optional(),
  target: targetSchema.default('workspace'),
  /** Host facts used to explain the ids (start of the sysbox /etc/subuid and /etc/subgid ranges). */
  subuidStart: id.optional(),
  subgidStart: id.optional(),
  idShift: idShiftSchema.default('unknown'),
});
export type VolumeMappingForm = z.infer<typeof volumeMappingFormSchema>;

/** The uid/gid a volume mapping should carry on this host, and why. */
export function recommendedVolumeIds(f: Pick<VolumeMappingForm, 'subuidStart' | 'subgidStart' | 'idShift'>): {
  uid: number | null;
  gid: number | null;
  reason: string;
} {
  if (f.idShift === 'yes')
    return {
      uid: KASM_USER_ID,
      gid: KASM_USER_ID,
      reason:
        'This host\'s kernel lets Sysbox ID-shift bind mounts (ID-mapped mounts or shiftfs), so host uid 1000 appears as 1000 inside the container: use 1000/1000.',
    };
  if (f.subuidStart === undefined || f.subgidStart === undefined)
    return { uid: null, gid: null, reason: 'The sysbox subuid/subgid start is unknown: type it in (the sysbox line of /etc/subuid and /etc/subgid).' };
  return {
    uid: kasmUserHostId(f.subuidStart),
    gid: kasmUserHostId(f.subgidStart),
    reason:
      f.idShift === 'no'
        ? `This host cannot ID-shift bind mounts, so kasm-user (1000) is host uid ${idArithmetic(f.subuidStart)} and host gid ${idArithmetic(f.subgidStart)}; the mapping must say so or kasm-user sees the files as nobody.`
        : `Whether this host ID-shifts bind mounts is unknown. Without shifting (the guide's case) kasm-user is host uid ${idArithmetic(f.subuidStart)} and gid ${idArithmetic(f.subgidStart)}; with ID-mapped mounts or shiftfs, 1000/1000 is right instead.`,
  };
}

/** Volume Mappings (JSON) for a Workspace, or a group's volume_mapping setting. */
export function buildVolumeMapping(form: VolumeMappingForm): GeneratorOutput<KasmVolumeMappings> {
  const warnings: GeneratorWarning[] = [];
  const rec = recommendedVolumeIds(form);
  warnings.push({ id: 'ids.explained', severity: 'info', message: rec.reason });
  if (rec.uid !== null && rec.gid !== null && (form.uid !== rec.uid || form.gid !== rec.gid)) {
    warnings.push({
      id: 'ids.mismatch',
      severity: 'warning',
      message: `uid/gid ${form.uid}/${form.gid} differ from what this host needs (${rec.uid}/${rec.gid}): kasm-user may not be able to write to ${form.containerPath}.`,
    });
  }
  if (!/\{username\}|\{user_id\}/.test(form.hostPath))
    warnings.push({
      id: 'path.shared',
      severity: 'info',
      message: 'The host path has no {username} or {user_id}: every session of this Workspace shares the same folder.',
    });
  warnings.push({
    id: 'sysbox.not-shared',
    severity: 'warning',
    message: 'Do not attach this mapping to non-Sysbox Workspaces too: the two see different owners and one of them gets permission errors.',
  });
  const entry: KasmVolumeMappings[string] = {
    bind: form.containerPath,
    mode: form.mode,
    uid: form.uid,
    gid: form.gid,
    required: form.required,
    skip_check: form.skipCheck,
  };
  if (form.timeout !== undefined) entry.timeout = form.timeout;
  if (form.target === 'group')
    warnings.push({
      id: 'merge.volume-group',
      severity: 'info',
      message: 'Group volume_mapping: mappings from all of a user\'s groups are combined with the Workspace\'s; on the same host path a run_config "volumes" entry wins, then the group, then the Workspace.',
    });
  const json: KasmVolumeMappings = {};
  Object.defineProperty(json, form.hostPath, { value: entry, enumerable: true, writable: true, configurable: true });
  return toOutput(json, warnings);
}
