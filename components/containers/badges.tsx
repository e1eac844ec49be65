import { StatusBadge, type Status } from '@/components/ui/status';
import type { Container, Finding } from '@/lib/sysbox/container-schema';
import { SEVERITY_STATUS } from '@/lib/sysbox/severity-status';

export const FINDING_LABELS: Record<string, string> = {
  'sysbox.gpu': 'NVIDIA GPU under Sysbox',
  'sysbox.dri': '/dev/dri under Sysbox (works)',
  'sysbox.privileged': 'Privileged',
  'sysbox.host-namespace': 'Host namespace',
  'sysbox.no-init': 'No /sbin/init',
  'sysbox.persistent-profile': 'Persistent profile',
  'mount.shared-across-runtimes': 'Shared across runtimes',
  'sysbox.error': 'Sysbox error',
  'userns.none': 'No user namespace',
};

export function severityStatus(s: Finding['severity']): Status {
  return SEVERITY_STATUS[s];
}

export function FindingBadge({ finding }: { finding: Finding }) {
  return (
    <StatusBadge
      status={severityStatus(finding.severity)}
      label={FINDING_LABELS[finding.id] ?? finding.id}
      title={finding.message}
      data-finding={finding.id}
    />
  );
}

export function StateBadge({ state }: { state: string }) {
  const status: Status = state === 'running' ? 'pass' : state === 'restarting' || state === 'paused' ? 'warn' : state === 'dead' ? 'fail' : 'unknown';
  return <StatusBadge status={status} label={state || 'unknown'} />;
}

export function KasmBadge({ kasm }: { kasm: Container['kasm'] }) {
  if (kasm.kind === null) return null;
  return (
    <span
      className="inline-flex items-center rounded border border-accent px-1.5 py-0.5 text-xs font-medium text-accent"
      data-testid="kasm-badge"
    >
      {kasm.kind === 'session' ? `Kasm session${kasm.user ? ` · ${kasm.user}` : ''}` : 'Kasm service'}
    </span>
  );
}

export function RuntimeLabel({ c }: { c: Pick<Container, 'runtime' | 'sysbox'> }) {
  return (
    <span className={c.sysbox ? 'font-mono font-semibold' : 'font-mono'} data-testid="runtime">
      {c.runtime}
    </span>
  );
}
