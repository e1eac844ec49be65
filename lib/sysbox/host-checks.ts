import { HOST_CHECKS } from './checks';
import { hostContext } from './checks/context';
import { hostFacts } from './checks/facts';
import type { HostSnapshot } from './snapshot';
import { verdictOf, type HostStatus } from './status';

export { HOST_PATHS } from './checks/shared';

/**
 * Turns one host snapshot into its checks, verdict and facts. Pure. Each
 * check lives in its own file under checks/ and is listed once in
 * checks/index.ts.
 */
export function evaluateHost(s: HostSnapshot): HostStatus {
  const ctx = hostContext(s);
  const checks = HOST_CHECKS.map((c) => c.evaluate(ctx));
  return {
    host: { id: s.host.id, name: s.host.name, endpoint: s.host.endpoint },
    checkedAt: s.takenAt,
    verdict: verdictOf(checks),
    checks,
    facts: hostFacts(ctx),
  };
}
