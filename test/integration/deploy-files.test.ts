import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readmeDockerRun } from '../support/readme-docker-run';

// The shipping files, checked with the real tools: systemd-analyze (package
// systemd) and Debian's docker-compose (scripts/test.mjs installs both when missing).
const root = path.resolve(__dirname, '../..');
const UNIT = path.join(root, 'deploy/systemd/kasm-sysbox-dashboard.service');

describe('systemd unit deploy/systemd/kasm-sysbox-dashboard.service', () => {
  it('passes systemd-analyze verify with no warning', () => {
    const r = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  it('has the exposure the README states (systemd-analyze security --offline=true), at most 4.0', () => {
    const out = execFileSync('systemd-analyze', ['security', '--offline=true', '--no-pager', UNIT], { encoding: 'utf8' });
    const m = /Overall exposure level for kasm-sysbox-dashboard\.service: (\d+\.\d) (\w+)/.exec(out);
    expect(m).not.toBeNull();
    const figure = Number(m?.[1]);
    expect(figure).toBeLessThanOrEqual(4.0);
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`**overall exposure ${m?.[1]} ${m?.[2]}**`);
  });

  it('runs the standalone server as the dedicated user in the docker group, with no capabilities', () => {
    const unit = fs.readFileSync(UNIT, 'utf8');
    const keys = (k: string) => [...unit.matchAll(new RegExp(`^${k}=(.*)$`, 'gm'))].map((m) => m[1]);
    expect(keys('User')).toEqual(['kasm-sysbox-dashboard']);
    expect(keys('SupplementaryGroups')).toEqual(['docker']);
    expect(keys('EnvironmentFile')).toEqual(['/etc/kasm-sysbox-dashboard/env']);
    expect(keys('StateDirectory')).toEqual(['kasm-sysbox-dashboard']);
    expect(keys('CapabilityBoundingSet')).toEqual(['']);
    expect(keys('ProtectSystem')).toEqual(['strict']);
    expect(keys('RestrictAddressFamilies')).toEqual(['AF_UNIX AF_INET AF_INET6']);
    expect(keys('SystemCallFilter')[0]).toBe('@system-service');
    expect(keys('ExecStart')).toEqual(['node /opt/kasm-sysbox-dashboard/.next/standalone/server.js']);
    expect(keys('Environment').join(' ')).toContain('DASHBOARD_DATA_DIR=%S/kasm-sysbox-dashboard');
  });
});

describe('compose.yaml', () => {
  it('passes docker-compose config and runs the README docker run line as a service', () => {
    // `config` resolves the secret file's path but does not need it to exist.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-compose-'));
    try {
      const out = execFileSync('docker-compose', ['-f', path.join(root, 'compose.yaml'), 'config'], { encoding: 'utf8', cwd: dir });
      const cfg = parse(out) as { services: Record<string, Record<string, unknown>>; secrets: Record<string, { file: string }>; volumes: Record<string, unknown> };
      const svc = cfg.services.dashboard;
      expect(svc).toBeDefined();
      const run = readmeDockerRun();
      expect(svc?.image).toBe(run.image);
      expect(svc?.restart).toBe(run.restart);
      expect(svc?.network_mode).toBe(run.network);
      expect(svc?.pid).toBe(run.pid);
      expect(svc?.read_only).toBe(run.readOnly);
      expect(svc?.tmpfs).toEqual(run.tmpfs);
      expect(svc?.cap_drop).toEqual(run.capDrop);
      expect(svc?.cap_add ?? []).toEqual(run.capAdd);
      expect(svc?.security_opt).toEqual(run.securityOpt.map((o) => (o === 'no-new-privileges' ? 'no-new-privileges:true' : o)));
      expect((svc?.volumes as string[]).map((v) => v.replace(/^dashboard-data:/, 'kasm-sysbox-dashboard-data:').replace(/:rw$/, ''))).toEqual(run.volumes);
      expect(svc?.environment).toEqual({ DASHBOARD_PASSWORD_FILE: '/run/secrets/dashboard_password' });
      expect(svc?.secrets).toEqual([{ source: 'dashboard_password' }]);
      expect(cfg.secrets.dashboard_password?.file).toBe(path.join(root, 'secrets/dashboard_password'));
      expect(svc?.healthcheck).toMatchObject({ test: ['CMD', 'node', '/app/healthcheck.cjs'] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
