import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm start` (scripts/start.mjs) validates the environment before building or
// serving: a bad value stops it with a message naming the variable.
function start(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-start-'));
  const r = spawnSync(process.execPath, ['scripts/start.mjs', '--no-build'], {
    env: { PATH: process.env.PATH ?? '', HOME: dataDir, DASHBOARD_DATA_DIR: dataDir, NODE_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  return r;
}

describe('start-up refuses invalid configuration, naming it', () => {
  it('an invalid PORT', () => {
    const r = start({ PORT: 'abc' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT: must be a whole number from 1 to 65535 (got "abc")');
  });

  it('an invalid DOCKER_HOST', () => {
    const r = start({ DOCKER_HOST: 'docker.sock' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/DOCKER_HOST: must look like unix:\/\/\/var\/run\/docker\.sock/);
  });

  it('a hosts file with a bad entry, naming the entry and field', () => {
    const file = path.join(os.tmpdir(), `ksd-hosts-${process.pid}.yaml`);
    fs.writeFileSync(file, 'hosts:\n  - id: agent-1\n    name: Agent 1\n    docker: { host: "tcp://10.0.0.5:2376", tls: { ca: ca.pem, cert: /c, key: /k } }\n');
    const r = start({ DASHBOARD_HOSTS_FILE: file });
    fs.rmSync(file, { force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('hosts[0] (id "agent-1").docker.tls.ca: must be an absolute path');
  });
});
