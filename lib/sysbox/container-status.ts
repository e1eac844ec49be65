/**
 * Docker's human status text ("Up 5 minutes", "Exited (0) 3 hours ago"),
 * derived from the container's State at a given moment, so a cached inspect
 * never shows a frozen "Up 2 seconds". Pure: the caller passes `now`.
 *
 * Mirrors moby `container/state.go` `(*State).String()` and go-units
 * `HumanDuration` (github.com/docker/go-units/duration.go), which is what
 * `/containers/json` puts in `Status`.
 */
export interface ContainerStateTiming {
  status: string;
  running: boolean;
  paused: boolean;
  restarting: boolean;
  dead: boolean;
  /** ISO time or null when never started. */
  startedAt: string | null;
  /** ISO time or null when never finished. */
  finishedAt: string | null;
  exitCode: number;
  /** Health.Status ("healthy", "unhealthy", "starting") when the image has a health check. */
  health: string | null;
}

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

function since(iso: string | null, now: number): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : Math.max(0, now - t);
}

/** moby State.String(); `removing` is Docker's "Removal In Progress". */
export function containerStatusText(s: ContainerStateTiming, now: number): string {
  if (s.running) {
    if (s.paused) return `Up ${humanDuration(since(s.startedAt, now))} (Paused)`;
    if (s.restarting) return `Restarting (${s.exitCode}) ${humanDuration(since(s.finishedAt, now))} ago`;
    if (s.health) return `Up ${humanDuration(since(s.startedAt, now))} (${s.health === 'starting' ? 'health: starting' : s.health})`;
    return `Up ${humanDuration(since(s.startedAt, now))}`;
  }
  if (s.status === 'removing') return 'Removal In Progress';
  if (s.dead) return 'Dead';
  if (!s.startedAt) return 'Created';
  if (!s.finishedAt) return '';
  return `Exited (${s.exitCode}) ${humanDuration(since(s.finishedAt, now))} ago`;
}
