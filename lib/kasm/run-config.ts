import { z } from 'zod';
import { SYSBOX_RUNTIME } from '@/lib/sysbox/runtime';
import { DOCKER_PY_RUN_KWARGS, kasmOverriddenReason, misplacedReason, notRunReason } from './docker-py';
import { DEFAULT_IMAGE, FAMILY_IDS, imageInfo } from './images';
import { toOutput, type GeneratorOutput, type GeneratorWarning } from './output';

export const TARGETS = ['workspace', 'group'] as const;
export const targetSchema = z.enum(TARGETS);
export type Target = z.infer<typeof targetSchema>;

const envKey = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits and _; not starting with a digit').max(128);

export const runConfigFormSchema = z.object({
  image: z.string().trim().min(1).max(256).default(DEFAULT_IMAGE),
  /** Distro family of a custom image (core images know theirs). */
  family: z.enum(FAMILY_IDS).optional(),
  target: targetSchema.default('workspace'),
  hostname: z
    .string()
    .max(63)
    .regex(/^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)?$/, 'a hostname: letters, digits and -')
    .default(''),
  environment: z.array(z.object({ key: envKey, value: z.string().max(4096) })).max(100).default([]),
  shmSize: z
    .string()
    .regex(/^(\d+[bkmgBKMG]?)?$/, 'a size like 512m or 2g')
    .default(''),
  /** Additional docker-py run arguments, merged after the generated keys (checked, some refused). */
  extra: z.record(z.string(), z.unknown()).default({}),
});
export type RunConfigForm = z.infer<typeof runConfigFormSchema>;

/**
 * What Kasm enforces on a run_config: a JSON object of docker-py run arguments.
 * (Kasm itself only checks that it is an object; docker-py rejects the rest
 * when the session starts, so the generator checks it here.)
 */
export const kasmRunConfigSchema = z
  .record(z.string(), z.unknown())
  .superRefine((rc, ctx) => {
    for (const key of Object.keys(rc)) {
      if (!DOCKER_PY_RUN_KWARGS.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `docker-py has no argument "${key}"` });
    }
  })
  .pipe(
    z
      .object({
        runtime: z.string().optional(),
        entrypoint: z.union([z.string(), z.array(z.string())]).optional(),
        user: z.union([z.number().int().min(0), z.string().min(1)]).optional(),
        hostname: z.string().optional(),
        environment: z.union([z.record(z.string(), z.string()), z.array(z.string())]).optional(),
        shm_size: z.union([z.string(), z.number().int().positive()]).optional(),
        privileged: z.boolean().optional(),
        devices: z.array(z.string()).optional(),
        security_opt: z.array(z.string()).optional(),
        cap_add: z.array(z.string()).optional(),
      })
      .loose(),
  );

/** Environment variables Kasm sets itself; its values win over run_config's. */
const KASM_ENV = /^(VNC_PW|VNC_.*|KASM_.*|SHARED_.*|LD_PRELOAD|HOME)$/;

/** Why a run_config key/value breaks Sysbox, or null. */
export function sysboxIncompatibility(key: string, value: unknown): string | null {
  if (key === 'privileged' && value !== false && value !== 'false' && value !== undefined && value !== null)
    return 'privileged containers are not supported by Sysbox (and Sysbox gives root-in-container what it needs without it)';
  if (key === 'device_requests' && Array.isArray(value) && value.length > 0)
    return 'device_requests (GPUs) do not work under Sysbox: NVIDIA GPUs are incompatible';
  if (key === 'runtime' && typeof value === 'string' && /nvidia/i.test(value)) return 'runtime "nvidia" replaces sysbox-runc; GPUs do not work under Sysbox';
  if ((key === 'network_mode' || key === 'pid_mode' || key === 'userns_mode') && value === 'host')
    return `${key} "host" is refused by Sysbox (containers cannot share the host's ${key.replace('_mode', '')} namespace)`;
  if (key === 'security_opt' && Array.isArray(value)) {
    const seccomp = value.find((v) => typeof v === 'string' && /^seccomp[=:]/.test(v));
    if (typeof seccomp === 'string') return `security_opt "${seccomp}": Sysbox does not support custom seccomp profiles (and does not need unconfined)`;
  }
  return null;
}

function w(id: string, severity: GeneratorWarning['severity'], message: string): GeneratorWarning {
  return { id, severity, message };
}

export function mergeExplanation(target: Target): GeneratorWarning {
  return target === 'group'
    ? w(
        'merge.group',
        'info',
        'Group setting run_config: Kasm merges it on top of each Workspace\'s run_config per top-level key. The group wins for runtime, entrypoint, user and any list; environment is merged one level deep (the group wins per variable). Only one group\'s run_config applies (the lowest priority number), and a group run_config disables session staging.',
      )
    : w(
        'merge.workspace',
        'info',
        'Workspace run_config: if one of the user\'s groups sets run_config, the group wins per top-level key (environment merges per variable). A group run_config with "user" would override the "user": 0 that /sbin/init needs.',
      );
}

const GENERATED_KEYS = new Set(['runtime', 'entrypoint', 'user', 'hostname', 'environment', 'shm_size']);

/** Docker Run Config Override for a Workspace (or a group's run_config) under Sysbox. */
export function buildRunConfig(form: RunConfigForm): GeneratorOutput<Record<string, unknown>> {
  const warnings: GeneratorWarning[] = [];
  const info = imageInfo(form.image, form.family);
  const rc: Record<string, unknown> = { runtime: SYSBOX_RUNTIME };
  if (info.systemd) {
    rc.entrypoint = ['/sbin/init'];
    rc.user = 0;
  } else {
    warnings.push(
      w(
        'image.no-systemd',
        'warning',
        `${form.image} (${info.family}) has no systemd support: no /sbin/init entrypoint and no "user": 0 are set, so the image starts as usual (as kasm-user) under Sysbox. Use a systemd core image for root-level Workspaces.`,
      ),
    );
  }
  if (!info.core) {
    warnings.push(
      w(
        'image.custom',
        'info',
        `${form.image} is not one of the Sysbox-ready Kasm core images; it needs systemd at /sbin/init and a kasm-user (uid 1000) for this config to work.`,
      ),
    );
  }
  if (form.hostname) rc.hostname = form.hostname;
  if (form.environment.length > 0) {
    const env: Record<string, string> = {};
    for (const { key, value } of form.environment) {
      if (key in env) warnings.push(w('env.duplicate', 'warning', `Environment variable ${key} is set twice; the last value is used.`));
      if (KASM_ENV.test(key)) warnings.push(w('env.kasm-owned', 'warning', `Kasm sets ${key} itself; its value wins over the run_config's.`));
      Object.defineProperty(env, key, { value, enumerable: true, writable: true, configurable: true });
    }
    rc.environment = env;
  }
  if (form.shmSize) rc.shm_size = form.shmSize.toLowerCase();

  for (const [key, value] of Object.entries(form.extra)) {
    const overridden = kasmOverriddenReason(key);
    if (overridden) {
      warnings.push(w(`refused.kasm.${key}`, 'error', `Left out "${key}": ${overridden}.`));
      continue;
    }
    const misplaced = misplacedReason(key);
    if (misplaced) {
      warnings.push(w(`refused.misplaced.${key}`, 'error', `Left out "${key}": it ${misplaced}.`));
      continue;
    }
    const notRun = notRunReason(key);
    if (notRun) {
      warnings.push(w(`refused.unknown.${key}`, 'error', `Left out "${key}": ${notRun}.`));
      continue;
    }
    if (!DOCKER_PY_RUN_KWARGS.has(key)) {
      warnings.push(w(`refused.unknown.${key}`, 'error', `Left out "${key}": docker-py has no such run argument, so the session would fail to start.`));
      continue;
    }
    const breaks = sysboxIncompatibility(key, value);
    if (breaks) {
      warnings.push(w(`refused.sysbox.${key}`, 'error', `Left out "${key}": ${breaks}.`));
      continue;
    }
    if (GENERATED_KEYS.has(key)) {
      warnings.push(w(`refused.generated.${key}`, 'error', `Left out "${key}" from the additional keys: set it with the form field instead.`));
      continue;
    }
    Object.defineProperty(rc, key, { value, enumerable: true, writable: true, configurable: true });
  }
  warnings.push(mergeExplanation(form.target));
  return toOutput(rc, warnings);
}
