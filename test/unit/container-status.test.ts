import { describe, expect, it } from 'vitest';
import { containerStatusText, humanDuration, type ContainerStateTiming } from '@/lib/sysbox/container-status';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const base: ContainerStateTiming = { status: 'running', running: true, paused: false, restarting: false, dead: false, startedAt: '2026-01-01T00:00:00Z', finishedAt: null, exitCode: 0, health: null };
const at = (ms: number) => T0 + ms;

describe('humanDuration (go-units HumanDuration)', () => {
  it.each([
    [500, 'Less than a second'],
    [1_000, '1 second'],
    [59_000, '59 seconds'],
    [60_000, 'About a minute'],
    [119_000, 'About a minute'],
    [5 * 60_000, '5 minutes'],
    [59 * 60_000, '59 minutes'],
    [89 * 60_000, 'About an hour'],
    [3 * 3_600_000, '3 hours'],
    [47 * 3_600_000, '47 hours'],
    [3 * 86_400_000, '3 days'],
    [20 * 86_400_000, '2 weeks'],
    [90 * 86_400_000, '3 months'],
    [800 * 86_400_000, '2 years'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('containerStatusText (moby State.String)', () => {
  it('running, paused, restarting, healthy', () => {
    expect(containerStatusText(base, at(5 * 60_000))).toBe('Up 5 minutes');
    expect(containerStatusText({ ...base, paused: true, status: 'paused' }, at(2_000))).toBe('Up 2 seconds (Paused)');
    expect(containerStatusText({ ...base, restarting: true, exitCode: 1, finishedAt: '2026-01-01T00:00:00Z' }, at(3_000))).toBe('Restarting (1) 3 seconds ago');
    expect(containerStatusText({ ...base, health: 'healthy' }, at(3_000))).toBe('Up 3 seconds (healthy)');
    expect(containerStatusText({ ...base, health: 'starting' }, at(3_000))).toBe('Up 3 seconds (health: starting)');
  });
  it('created, exited, dead, removing', () => {
    const stopped = { ...base, running: false, status: 'exited' };
    expect(containerStatusText({ ...stopped, status: 'created', startedAt: null }, at(0))).toBe('Created');
    expect(containerStatusText({ ...stopped, exitCode: 137, finishedAt: '2026-01-01T00:00:00Z' }, at(3 * 3_600_000))).toBe('Exited (137) 3 hours ago');
    expect(containerStatusText({ ...stopped, dead: true, status: 'dead' }, at(0))).toBe('Dead');
    expect(containerStatusText({ ...stopped, status: 'removing' }, at(0))).toBe('Removal In Progress');
  });
});
