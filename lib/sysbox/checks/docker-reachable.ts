import { check, type Check } from '../check';
import type { HostSnapshot } from '../snapshot';
import type { HostCheck } from './context';

function dockerReachable(s: HostSnapshot): Check {
  const fromFile = s.host.configuredBy === 'DASHBOARD_HOSTS_FILE';
  if (s.docker.ok) {
    const v = s.docker.value.version;
    return check('docker.reachable', true, 'pass', 'Docker answers', `Docker ${v.Version} (API ${v.ApiVersion}) at ${s.host.endpoint}.`, [
      `endpoint: ${s.host.endpoint}`,
      `/version: Version ${v.Version}, ApiVersion ${v.ApiVersion}`,
    ]);
  }
  return check(
    'docker.reachable',
    true,
    'fail',
    'Docker is unreachable',
    `The dashboard could not reach Docker at ${s.host.endpoint} (${fromFile ? `docker.host of "${s.host.id}" in DASHBOARD_HOSTS_FILE` : 'DOCKER_HOST'}): ${s.docker.reason}.`,
    [`endpoint: ${s.host.endpoint}`, `error: ${s.docker.reason}`],
    {
      fix: {
        text: fromFile
          ? 'Start Docker on that host, or correct its docker.host in the hosts file (DASHBOARD_HOSTS_FILE; re-read when it changes).'
          : 'Start Docker, or point DOCKER_HOST at the right socket and restart the dashboard.',
        commands: ['sudo systemctl status docker', 'sudo systemctl start docker'],
      },
    },
  );
}

export const dockerReachableCheck: HostCheck = { id: 'docker.reachable', evaluate: (ctx) => dockerReachable(ctx.snapshot) };
