import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status';

/**
 * Whole-page explanation when a host's Docker cannot be reached. With the
 * `docker.reachable` check at hand (the Overview), its summary and fix are
 * shown as they are: they name where the endpoint was set (DOCKER_HOST, or the
 * host's docker.host in DASHBOARD_HOSTS_FILE). Without it, DOCKER_HOST.
 */
export function DockerUnreachable({
  endpoint,
  message,
  hostName,
  check,
}: {
  endpoint: string;
  message: string;
  hostName?: string;
  check?: { summary: string; fix?: string };
}) {
  return (
    <Card className="border-fail" role="alert" data-testid="docker-unreachable">
      <div className="flex items-center gap-2">
        <StatusBadge status="fail" label="Docker unreachable" />
        {hostName ? <span className="text-sm text-muted">on {hostName}</span> : null}
      </div>
      {check ? (
        <p className="mt-3" data-testid="docker-unreachable-summary">
          {check.summary}
        </p>
      ) : (
        <>
          <p className="mt-3">
            The dashboard could not talk to Docker at <code className="font-mono select-all">{endpoint}</code> (tried through{' '}
            <code className="font-mono">DOCKER_HOST</code>).
          </p>
          <p className="mt-1 font-mono text-sm text-muted">{message}</p>
        </>
      )}
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
        <li>
          Is Docker running? <code className="font-mono">sudo systemctl status docker</code>
        </li>
        <li>
          Does this process have access to the socket? Run the dashboard as root or as a member of the{' '}
          <code className="font-mono">docker</code> group.
        </li>
        <li>
          {check?.fix ?? (
            <>
              Another endpoint? Set <code className="font-mono">DOCKER_HOST</code> (e.g. <code className="font-mono">unix:///var/run/docker.sock</code>) and
              restart.
            </>
          )}
        </li>
      </ul>
      <p className="mt-3 text-sm">
        The generators work without Docker:{' '}
        <Link className="text-accent underline" href="/generate/run-config">
          Generate Kasm JSON
        </Link>
        .
      </p>
    </Card>
  );
}
