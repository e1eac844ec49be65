import { check, type Check } from '../check';
import type { HostFiles } from '../snapshot';
import type { HostCheck } from './context';
import { NO_FILES, why } from './shared';

/** Sysbox needs unprivileged user namespaces (sysbox-runc libsysbox/sysbox/sysbox.go checkUnprivilegedUserns). */
function kernelUserns(f: HostFiles | null): Check {
  if (!f) return check('kernel.userns', true, 'unknown', 'User namespaces: unknown', `Cannot read /proc/sys: ${NO_FILES}.`, [NO_FILES]);
  const clone = f.unprivilegedUsernsClone;
  const max = f.maxUserNamespaces;
  const ev = [
    clone.state === 'ok' ? `/proc/sys/kernel/unprivileged_userns_clone = ${clone.text.trim()}` : why(clone, '/proc/sys/kernel/unprivileged_userns_clone'),
    max.state === 'ok' ? `/proc/sys/user/max_user_namespaces = ${max.text.trim()}` : why(max, '/proc/sys/user/max_user_namespaces'),
  ];
  const fix = {
    text: 'Allow user namespaces now and across reboots.',
    commands: [
      'echo 1 | sudo tee /proc/sys/kernel/unprivileged_userns_clone',
      'echo "kernel.unprivileged_userns_clone=1" | sudo tee /etc/sysctl.d/99-sysbox-userns.conf',
      'sudo sysctl -w user.max_user_namespaces=15000',
    ],
  };
  if (clone.state === 'ok' && clone.text.trim() === '0') {
    return check('kernel.userns', true, 'fail', 'Unprivileged user namespaces are disabled', 'Sysbox needs user namespaces; kernel.unprivileged_userns_clone is 0.', ev, { fix });
  }
  if (max.state === 'ok') {
    const n = Number(max.text.trim());
    if (Number.isFinite(n) && n <= 0) {
      return check('kernel.userns', true, 'fail', 'User namespaces are disabled', 'user.max_user_namespaces is 0.', ev, { fix });
    }
  }
  if (clone.state === 'error' || max.state !== 'ok') {
    return check('kernel.userns', true, 'unknown', 'User namespaces: unknown', 'Could not read the kernel’s user-namespace settings.', ev);
  }
  return check('kernel.userns', true, 'pass', 'User namespaces are allowed', 'The kernel lets Sysbox create user namespaces.', ev);
}

export const kernelUsernsCheck: HostCheck = { id: 'kernel.userns', evaluate: (ctx) => kernelUserns(ctx.files) };
