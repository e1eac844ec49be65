import { z } from 'zod';
import { KASM_USER_ID, idShiftSchema, kasmUserFromStarts } from './ids';
import { chownCommand, optInWarning, resolveMappingIds, type KasmUserFact } from '../sysbox/kasm-user';
import { toOutput, type GeneratorOutput, type GeneratorWarning } from './output';
import { targetSchema } from './run-config';

const absolutePath = (what: string) => z.string().trim().min(2).max(1024).regex(/^\/[^\0]*$/, what);
const hostPath = absolutePath('an absolute host path (may contain {username} and {user_id})');
const containerPath = absolutePath('an absolute path inside the container');
const id = z.number().int().min(0).max(4294967294);

/** Any JSON integer >= 0 (zod's .int() would also refuse integers beyond 2^53, which the lint has always let through). */
const kasmMappingId = z.number().refine((n) => Number.isInteger(n) && n >= 0, 'a non-negative integer');

/**
 * One entry as Kasm validates it: bind, mode, uid, gid required; bind an
 * absolute container path; uid/gid non-negative integers (numbers, unlike
 * rclone's strings); mode rw|ro; required/skip_check booleans; timeout > 0
 * (Kasm's Volume Mapping guide, https://kasmweb.com/docs/latest/guide/persistent_data/volume_mapping.html).
 * The generator's output type and the volume-mapping lint's rules (lib/kasm/lint.ts) both come from it.
 */
export const kasmVolumeMappingEntrySchema = z
  .object({
    bind: z.string().startsWith('/'),
    mode: z.enum(['rw', 'ro']),
    uid: kasmMappingId,
    gid: kasmMappingId,
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
  /**
   * Omitted: taken from the host's facts.kasmUser (?host= on the API, the
   * selected host on the page), never a silent 1000 (issue #11).
   */
  uid: id.optional(),
  gid: id.optional(),
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

/**
 * The kasm-user fact a form is judged against: the host's facts.kasmUser when
 * given, else one from the typed-in subuid/subgid start, else null.
 */
export function volumeKasmUser(form: Pick<VolumeMappingForm, 'subuidStart' | 'subgidStart'>, host: KasmUserFact | null = null): KasmUserFact | null {
  return host ?? kasmUserFromStarts(form, 'the sysbox subuid/subgid start typed in');
}

/** uid/gid of the mapping: the form's, else kasm-user's on the host; `missing` names what neither gives. */
export function volumeMappingIds(form: VolumeMappingForm, host: KasmUserFact | null = null): { uid: number | null; gid: number | null; missing: ('uid' | 'gid')[] } {
  return resolveMappingIds(form, volumeKasmUser(form, host), (n) => n);
}

const idMappedOf = (s: VolumeMappingForm['idShift']): boolean | null => (s === 'yes' ? true : s === 'no' ? false : null);

/**
 * Volume Mappings (JSON) for a Workspace, or a group's volume_mapping setting.
 * Default ids are kasm-user's host ids: a folder owned by subuid start + 1000
 * lies inside the container's ID map, so sysbox-runc's `needUidShiftOnBindSrc`
 * (libcontainer/container_linux.go) does not shift it and it works on every
 * filesystem; 1000/1000 is an explained opt-in.
 * Throws when the ids cannot be resolved (check volumeMappingIds first).
 */
export function buildVolumeMapping(form: VolumeMappingForm, host: KasmUserFact | null = null): GeneratorOutput<KasmVolumeMappings> {
  const warnings: GeneratorWarning[] = [];
  const ku = volumeKasmUser(form, host);
  const { uid, gid, missing } = volumeMappingIds(form, host);
  if (uid === null || gid === null) throw new Error(`volume mapping ${missing.join(' and ')} unknown`);
  if (ku) warnings.push({ id: 'ids.explained', severity: 'info', message: ku.explanation });
  if (uid === KASM_USER_ID && gid === KASM_USER_ID) {
    warnings.push({ id: 'ids.opt-in-1000', severity: 'warning', message: optInWarning(ku, idMappedOf(form.idShift)) });
  } else if (ku && ku.uid !== null && ku.gid !== null && (uid !== ku.uid || gid !== ku.gid)) {
    warnings.push({
      id: 'ids.mismatch',
      severity: 'warning',
      message: `uid/gid ${uid}/${gid} differ from kasm-user's host ids here (${ku.uid}/${ku.gid}): kasm-user may not be able to write to ${form.containerPath}.`,
    });
  }
  if (form.skipCheck) {
    const cmd = chownCommand({ uid, gid }, form.hostPath.replace(/\{(username|user_id)\}/g, '<$1>'));
    warnings.push({
      id: 'skip-check.chown',
      severity: 'warning',
      message: `skip_check also skips Kasm's chown of the host folder: create it and chown it by hand for each user, e.g. ${cmd ?? ''}.`,
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
    uid,
    gid,
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
