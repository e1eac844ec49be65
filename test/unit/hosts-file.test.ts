import { describe, expect, it } from 'vitest';
import { HostsFileError, parseHostsFile } from '@/lib/server/hosts-file';

describe('parseHostsFile', () => {
  it('accepts JSON lists and YAML { hosts } with every endpoint kind', () => {
    const json = JSON.stringify([
      { id: 'local', name: 'This agent', docker: { host: 'unix:///var/run/docker.sock' }, files: { root: '/' } },
      { id: 'agent-2', name: 'Agent 2', docker: { host: 'tcp://10.1.2.3:2376', tls: { ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' } } },
    ]);
    expect(parseHostsFile(json, 'hosts.json').map((h) => h.id)).toEqual(['local', 'agent-2']);
    const yaml = `hosts:\n  - id: agent-3\n    name: Agent 3\n    docker:\n      host: ssh://admin@agent-3\n      sshKey: /root/.ssh/id_ed25519\n  - id: agent-4\n    name: Agent 4\n    dashboard:\n      url: https://agent-4:3000\n      tokenFile: /etc/ksd/agent-4.token\n`;
    expect(parseHostsFile(yaml, 'hosts.yaml')).toMatchObject([
      { id: 'agent-3', docker: { host: 'ssh://admin@agent-3' } },
      { id: 'agent-4', dashboard: { url: 'https://agent-4:3000' } },
    ]);
  });

  it('names the entry and the field of every problem', () => {
    const bad = JSON.stringify({
      hosts: [
        { id: 'ok', name: 'ok', docker: { host: 'unix:///s' } },
        { id: 'ok', name: 'dup', docker: { host: 'docker.sock' } },
        { id: 'both', name: 'both', docker: { host: 'unix:///s' }, dashboard: { url: 'http://x:1', token: '0123456789abcdef' } },
        { id: 'tls', name: 't', docker: { host: 'unix:///s', tls: { ca: 'ca.pem', cert: '/c', key: '/k' } } },
      ],
    });
    try {
      parseHostsFile(bad, '/etc/ksd/hosts.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HostsFileError);
      const m = (e as Error).message;
      expect(m).toContain('hosts[1] (id "ok").docker.host: must look like');
      expect(m).toContain('hosts[2] (id "both"): give exactly one of docker or dashboard');
      expect(m).toContain('hosts[3] (id "tls").docker.tls.ca: must be an absolute path');
      expect(m).toContain('hosts[3] (id "tls").docker.tls: tls is only for tcp:// hosts');
    }
  });

  it('refuses duplicate ids', () => {
    const dup = JSON.stringify([
      { id: 'a', name: 'A', docker: { host: 'unix:///a' } },
      { id: 'a', name: 'B', docker: { host: 'unix:///b' } },
    ]);
    expect(() => parseHostsFile(dup, 'h.json')).toThrow('hosts[1] (id "a").id: duplicate id "a"');
  });

  it('reports unparsable files and unknown keys', () => {
    expect(() => parseHostsFile('{"hosts": [', 'h.json')).toThrow(/cannot be parsed/);
    expect(() => parseHostsFile('- id: a\n  name: a\n  docker: {host: "unix:///s"}\n  password: x\n', 'h.yml')).toThrow(/hosts\[0\] \(id "a"\)/);
    expect(() => parseHostsFile('[]', 'h.json')).toThrow(/lists no hosts/);
  });
});
