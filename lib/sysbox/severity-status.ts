import type { CheckStatus } from './check';

/** How bad a finding is: the one list, shared by container findings and (through lib/kasm) generator warnings. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * The one severity → status map: how a finding of each severity reads as a
 * check or badge status (an info is neither a pass nor a problem: "unknown"
 * is the neutral badge). No zod here, so browser components can import it
 * without shipping zod.
 */
export const SEVERITY_STATUS: Readonly<Record<Severity, CheckStatus>> = {
  error: 'fail',
  warning: 'warn',
  info: 'unknown',
};
