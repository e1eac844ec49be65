import { Card } from '@/components/ui/card';
import { statusIcon } from '@/components/ui/status';
import type { HostStatus } from '@/lib/client/status';
import { cn } from '@/lib/utils';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function verdictText(s: HostStatus): { headline: string; detail: string } {
  const fails = s.checks.filter((c) => c.status === 'fail').length;
  const warns = s.checks.filter((c) => c.status === 'warn').length;
  const unknowns = s.checks.filter((c) => c.status === 'unknown').length;
  const parts = [fails ? plural(fails, 'blocker') : '', warns ? plural(warns, 'warning') : '', unknowns ? `${unknowns} unknown` : '']
    .filter(Boolean)
    .join(', ');
  if (s.verdict === 'ready') return { headline: 'Ready for Sysbox', detail: `All ${s.checks.length} checks pass.` };
  if (s.verdict === 'degraded') return { headline: 'Needs attention', detail: parts };
  return { headline: 'Not ready for Sysbox', detail: parts };
}

const STYLE = {
  ready: { status: 'pass', cls: 'border-pass bg-pass-bg text-pass' },
  degraded: { status: 'warn', cls: 'border-warn bg-warn-bg text-warn' },
  'not-ready': { status: 'fail', cls: 'border-fail bg-fail-bg text-fail' },
} as const;

/** The first thing on the screen: the verdict in words and icon, never colour alone. */
export function VerdictBanner({ status, children }: { status: HostStatus; children?: React.ReactNode }) {
  const { headline, detail } = verdictText(status);
  const st = STYLE[status.verdict];
  return (
    <Card className={cn('flex flex-wrap items-center justify-between gap-3', st.cls)} role="status" data-testid="verdict" data-verdict={status.verdict}>
      <div>
        <p className="text-lg font-semibold">
          <span aria-hidden="true">{statusIcon(st.status)} </span>
          {headline}
          {detail ? <span className="font-normal"> — {detail}</span> : null}
        </p>
        <p className="text-sm text-fg">
          Host <span className="font-mono select-all">{status.host.name}</span> ({status.host.id}) · Docker at{' '}
          <span className="font-mono select-all">{status.host.endpoint}</span>
        </p>
      </div>
      {children}
    </Card>
  );
}
