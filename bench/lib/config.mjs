// `npm run bench` options and budgets (scripts/bench.mjs; options in bench/README.md).

/** Parses the bench's command line into its configuration. */
export function benchConfig(argv) {
  const flag = (name) => argv.includes(name);
  function opt(name, fallback) {
    const i = argv.indexOf(name);
    if (i === -1) return fallback;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  }
  function intOpt(name, fallback, min, max) {
    const v = Number(opt(name, String(fallback)));
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be a whole number from ${min} to ${max}`);
    return v;
  }

  const standIn = flag('--stand-in');
  const cfg = {
    check: flag('--check'),
    noBuild: flag('--no-build'),
    rounds: intOpt('--rounds', 5, 1, 50),
    samples: intOpt('--samples', 30, 5, 1000),
    coldRuns: intOpt('--cold-runs', 5, 1, 20),
    clients: intOpt('--clients', 50, 1, 500),
    pollSeconds: intOpt('--poll-seconds', 20, 2, 300),
    pollIntervalMs: 250,
    statusPath: opt('--status-path', standIn ? '/api/v1/hosts/local' : '/api/v1/hosts/local/status'),
    statusDockerPath: opt('--status-docker-path', standIn ? '/version' : '/info'),
    containersPath: opt('--containers-path', standIn ? '/api/v1/hosts/local' : '/api/v1/hosts/local/containers?pageSize=100'),
    standIn,
    writeReadme: flag('--write-readme'),
  };
  return cfg;
}

export const BUDGET = {
  statusP50Ratio: 1.5,
  /** status p95 against raw /info p50 (issue #14: the refresh must not run on a request's path). */
  statusP95Ratio: 1.0,
  containersWarmP50Ratio: 0.3,
  /** Docker calls caused by one warm containers request (the events-coherent inventory answers from memory). */
  containersWarmDockerCalls: 0,
  containersColdRatio: 0.5,
  statusDockerCallsPer2s: 1,
  rssMb: 250,
  firstLoadJsKb: 150,
  /** docker start → the open Containers page shows it running (p50 over 10 events). */
  eventToPageMs: 1000,
  startupMs: 1500,
  fleetRatio: 1.3,
};
