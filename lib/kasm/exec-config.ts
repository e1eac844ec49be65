import { z } from 'zod';
import { DEFAULT_IMAGE, FAMILY_IDS, imageInfo, type PackageManager } from './images';
import { toOutput, type GeneratorOutput, type GeneratorWarning } from './output';
import { shellSingleQuote } from './shell';

export const execConfigFormSchema = z.object({
  image: z.string().trim().min(1).max(256).default(DEFAULT_IMAGE),
  family: z.enum(FAMILY_IDS).optional(),
  /** The Workspace user to give sudo (Kasm images: kasm-user). */
  user: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a Linux user name: lowercase letters, digits, _ and -')
    .default('kasm-user'),
  sudo: z.enum(['nopasswd', 'password']).default('nopasswd'),
  /** Install sudo even when the image is a core image that ships it. */
  forceInstall: z.boolean().default(false),
  /** Wait for /usr/bin/desktop_ready first, as the guide does. */
  waitForDesktop: z.boolean().default(true),
});
export type ExecConfigForm = z.infer<typeof execConfigFormSchema>;

const hookSchema = z
  .object({
    user: z.string().min(1).optional(),
    cmd: z.string().min(1),
    environment: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** What Kasm accepts as exec_config: hooks first_launch, assign, go. */
export const kasmExecConfigSchema = z
  .object({ first_launch: hookSchema.optional(), assign: hookSchema.optional(), go: hookSchema.optional() })
  .strict();
export type KasmExecConfig = z.infer<typeof kasmExecConfigSchema>;

export const INSTALL_SUDO: Record<PackageManager, string> = {
  'apt-get': 'apt-get update && apt-get install -y sudo',
  dnf: 'dnf install -y sudo',
  zypper: 'zypper --non-interactive install sudo',
  apk: 'apk add --no-cache sudo',
};

/** The placeholder the admin replaces; the dashboard never stores a password. */
export const SUDO_PASSWORD_PLACEHOLDER = 'REPLACE_WITH_PASSWORD';

/** Docker Exec Config: a first_launch hook (as root) that gives the Workspace user sudo. */
export function buildExecConfig(form: ExecConfigForm): GeneratorOutput<KasmExecConfig> {
  const warnings: GeneratorWarning[] = [];
  const info = imageInfo(form.image, form.family);
  const steps: string[] = [];
  if (form.waitForDesktop) steps.push('/usr/bin/desktop_ready');
  const install = form.forceInstall || !info.shipsSudo;
  if (install) {
    steps.push(INSTALL_SUDO[info.packageManager]);
    if (!info.core)
      warnings.push({
        id: 'image.package-manager',
        severity: 'info',
        message: `Installs sudo with ${info.packageManager} (${info.family} family); pick the image's family if that is wrong.`,
      });
  } else {
    warnings.push({
      id: 'sudo.preinstalled',
      severity: 'info',
      message: `${form.image} is a Kasm core image and ships sudo, so the install step is skipped (switch "install sudo anyway" on to add it).`,
    });
  }
  const rule = form.sudo === 'nopasswd' ? `${form.user} ALL=(ALL) NOPASSWD: ALL` : `${form.user} ALL=(ALL) ALL`;
  if (form.sudo === 'password') {
    steps.push(`echo "${form.user}:$SUDO_PASSWORD" | chpasswd`);
    warnings.push({
      id: 'sudo.password-placeholder',
      severity: 'warning',
      message: `Replace ${SUDO_PASSWORD_PLACEHOLDER} with the password before saving; Kasm stores exec_config in its database in plain text, so anyone who can read the Workspace settings can read it.`,
    });
    warnings.push({
      id: 'sudo.password-logged',
      severity: 'warning',
      message: 'Kasm logs the exec_config at debug level: with debug logging on, this password lands in Kasm’s logs too. Prefer passwordless sudo, or change the password after the first login.',
    });
    // openSUSE's /etc/sudoers has `Defaults targetpw`: sudo asks for the *target* user's (root's) password, so
    // the password set here would never be asked for. A user-specific Defaults entry overrides the generic one
    // (sudoers(5): generic, then user Defaults), so the Workspace user's own password is asked instead.
    if (info.packageManager === 'zypper') {
      steps.push(`echo "Defaults:${form.user} !targetpw" >> /etc/sudoers`);
      warnings.push({
        id: 'sudo.targetpw',
        severity: 'info',
        message: `openSUSE's sudoers has "Defaults targetpw" (sudo asks for root's password). The hook adds "Defaults:${form.user} !targetpw" so sudo asks for ${form.user}'s own password, the one set here.`,
      });
    }
  }
  steps.push(`echo "${rule}" >> /etc/sudoers`);
  if (!form.waitForDesktop)
    warnings.push({
      id: 'hook.no-wait',
      severity: 'warning',
      message: 'Without /usr/bin/desktop_ready the hook can run before the container has finished starting (package managers may still be locked).',
    });
  const cmd = `bash -c ${shellSingleQuote(steps.join(' && '))}`;
  const hook: KasmExecConfig['first_launch'] =
    form.sudo === 'password'
      ? { user: 'root', cmd, environment: { SUDO_PASSWORD: SUDO_PASSWORD_PLACEHOLDER } }
      : { user: 'root', cmd };
  return toOutput({ first_launch: hook }, warnings);
}
