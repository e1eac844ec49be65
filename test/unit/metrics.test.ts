import { describe, expect, it } from 'vitest';
import { allowedDockerEndpoint } from '@/lib/server/docker';
import { renderSamples } from '@/lib/server/metrics/collect';
import type { Container, Finding } from '@/lib/sysbox/container-schema';
import { evaluateHost } from '@/lib/sysbox/host-checks';
import { hostSamples, type Sample } from '@/lib/sysbox/metrics';
import { readySnapshot, recordedSnapshot } from './support/snapshots';

function container(name: string, runtime: string, state: string, extra: { session?: boolean; findings?: Finding[] } = {}): Container {
  return {
    id: `${name}-id`,
    name,
    image: 'kasmweb/core-ubuntu-jammy:1.16.0',
    state,
    status: state,
    createdAt: '2026-11-29T09:00:00Z',
    startedAt: null,
    runtime,
    sysbox: runtime === 'sysbox-runc',
    kasm: extra.session ? { kind: 'session', kasmId: '1a2b', user: 'alice' } : { kind: null },
    user: '0',
    entrypoint: null,
    privileged: false,
    pidMode: '',
    networkMode: 'none',
    gpu: false,
    mounts: [],
    idMap: null,
    hostUids: null,
    findings: extra.findings ?? [],
  };
}

const err = (id: string): Finding => ({ id, severity: 'error', message: 'm' });
const pick = (samples: Sample[], name: string) => samples.filter((s) => s.name === name).map((s) => [s.labels, s.value]);

describe('hostSamples (what /metrics says about one host)', () => {
  it('a ready host: up, verdict one-hot, every check with all four statuses, version and kernel info', () => {
    const status = evaluateHost(readySnapshot());
    const samples = hostSamples({ host: 'agent-1', up: true, status, containers: [], eventsStreamUp: true });
    expect(pick(samples, 'ksd_host_up')).toEqual([[{ host: 'agent-1' }, 1]]);
    expect(pick(samples, 'ksd_host_verdict')).toEqual([
      [{ host: 'agent-1', verdict: 'ready' }, status.verdict === 'ready' ? 1 : 0],
      [{ host: 'agent-1', verdict: 'degraded' }, status.verdict === 'degraded' ? 1 : 0],
      [{ host: 'agent-1', verdict: 'not-ready' }, status.verdict === 'not-ready' ? 1 : 0],
    ]);
    const runtime = pick(samples, 'ksd_check_status').filter(([l]) => (l as Record<string, string>).check === 'sysbox.runtime');
    expect(runtime).toEqual([
      [{ host: 'agent-1', check: 'sysbox.runtime', status: 'pass' }, 1],
      [{ host: 'agent-1', check: 'sysbox.runtime', status: 'warn' }, 0],
      [{ host: 'agent-1', check: 'sysbox.runtime', status: 'fail' }, 0],
      [{ host: 'agent-1', check: 'sysbox.runtime', status: 'unknown' }, 0],
    ]);
    expect(pick(samples, 'ksd_check_status')).toHaveLength(status.checks.length * 4);
    expect(pick(samples, 'ksd_sysbox_info')).toEqual([[{ host: 'agent-1', version: status.facts.sysbox.version ?? 'unknown', edition: status.facts.sysbox.edition ?? 'unknown' }, 1]]);
    expect(pick(samples, 'ksd_kernel_info')).toEqual([[{ host: 'agent-1', release: status.facts.kernel.version, mechanism: status.facts.kernel.mechanism }, 1]]);
    expect(pick(samples, 'ksd_events_stream_up')).toEqual([[{ host: 'agent-1' }, 1]]);
  });

  it("the sandbox's stand-in runtime makes sysbox.runtime warn", () => {
    const samples = hostSamples({ host: 'local', up: true, status: evaluateHost(recordedSnapshot()), containers: null, eventsStreamUp: null });
    const current = pick(samples, 'ksd_check_status').filter(([l, v]) => (l as Record<string, string>).check === 'sysbox.runtime' && v === 1);
    expect(current).toEqual([[{ host: 'local', check: 'sysbox.runtime', status: 'warn' }, 1]]);
    expect(pick(samples, 'ksd_events_stream_up')).toEqual([]);
  });

  it('containers by runtime and state, running sessions by runtime (0 where none), containers per finding', () => {
    const containers = [
      container('alice_1a2b3c4d', 'sysbox-runc', 'running', { session: true, findings: [err('sysbox.error'), err('mount.shared-across-runtimes'), err('mount.shared-across-runtimes')] }),
      container('bob_5e6f7a8b', 'sysbox-runc', 'exited', { session: true, findings: [err('sysbox.error')] }),
      container('kasm_proxy', 'runc', 'running', { findings: [err('mount.shared-across-runtimes')] }),
      container('gpu', 'sysbox-runc', 'created', { findings: [err('sysbox.gpu')] }),
    ];
    const samples = hostSamples({ host: 'a', up: true, status: null, containers, eventsStreamUp: false });
    expect(pick(samples, 'ksd_containers')).toEqual([
      [{ host: 'a', runtime: 'runc', state: 'running' }, 1],
      [{ host: 'a', runtime: 'sysbox-runc', state: 'created' }, 1],
      [{ host: 'a', runtime: 'sysbox-runc', state: 'exited' }, 1],
      [{ host: 'a', runtime: 'sysbox-runc', state: 'running' }, 1],
    ]);
    expect(pick(samples, 'ksd_kasm_sessions')).toEqual([
      [{ host: 'a', runtime: 'runc' }, 0],
      [{ host: 'a', runtime: 'sysbox-runc' }, 1],
    ]);
    expect(pick(samples, 'ksd_container_findings')).toEqual([
      [{ host: 'a', finding: 'mount.shared-across-runtimes', severity: 'error' }, 2],
      [{ host: 'a', finding: 'sysbox.error', severity: 'error' }, 2],
      [{ host: 'a', finding: 'sysbox.gpu', severity: 'error' }, 1],
    ]);
    // Bounded labels: no container id, name or user anywhere.
    const labelValues = samples.flatMap((s) => Object.values(s.labels));
    for (const c of containers) expect(labelValues).not.toContain(c.name);
    expect(labelValues).not.toContain('alice');
  });

  it('a dead host is only ksd_host_up 0', () => {
    expect(hostSamples({ host: 'dead', up: false, status: null, containers: null, eventsStreamUp: null })).toEqual([
      { name: 'ksd_host_up', labels: { host: 'dead' }, value: 0 },
    ]);
  });
});

describe('renderSamples', () => {
  it('writes the Prometheus text format with HELP and TYPE, escaping label values', async () => {
    const text = await renderSamples([
      { name: 'ksd_host_up', labels: { host: 'agent-1' }, value: 1 },
      { name: 'ksd_kernel_info', labels: { host: 'agent-1', release: '6.5.0-"x"\\y', mechanism: 'idmapped-mounts' }, value: 1 },
    ]);
    expect(text).toContain('# HELP ksd_host_up 1 when the host answered');
    expect(text).toContain('# TYPE ksd_host_up gauge\nksd_host_up{host="agent-1"} 1\n');
    expect(text).toContain('ksd_kernel_info{host="agent-1",release="6.5.0-\\"x\\"\\\\y",mechanism="idmapped-mounts"} 1\n');
    // A metric with no sample still has its HELP/TYPE and no series.
    expect(text).toContain('# TYPE ksd_container_findings gauge\n');
    expect(text).not.toMatch(/^ksd_container_findings\{/m);
  });
});

describe('allowedDockerEndpoint (the endpoint label of ksd_docker_requests_total)', () => {
  it('names the allow-list pattern, never the raw path', () => {
    expect(allowedDockerEndpoint('GET', '/containers/3f4e5a6b7c8d/json')).toBe('/containers/{id}/json');
    expect(allowedDockerEndpoint('GET', '/containers/json')).toBe('/containers/json');
    expect(allowedDockerEndpoint('GET', '/info')).toBe('/info');
    expect(allowedDockerEndpoint('GET', '/events')).toBe('/events');
    expect(allowedDockerEndpoint('POST', '/containers/create')).toBeNull();
    expect(allowedDockerEndpoint('GET', '/containers/x/archive')).toBeNull();
  });
});
