import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromExample, promtool } from '../support/prometheus';

/** The shipped alert rules and scrape example, checked by Debian's promtool. */
describe('deploy/prometheus with promtool', () => {
  it('promtool check rules accepts alerts.yml (7 rules)', () => {
    const r = promtool(['check', 'rules', 'alerts.yml']);
    expect(r.out).toContain('SUCCESS: 7 rules found');
    expect(r.code).toBe(0);
  });

  it('promtool test rules: every alert fires from sample series, with its links', () => {
    const r = promtool(['test', 'rules', 'alerts.test.yml']);
    expect(r.out).toContain('SUCCESS');
    expect(r.code).toBe(0);
    const tests = fs.readFileSync(path.join(__dirname, '../../deploy/prometheus/alerts.test.yml'), 'utf8');
    const rules = fs.readFileSync(path.join(__dirname, '../../deploy/prometheus/alerts.yml'), 'utf8');
    // Every alert of alerts.yml has a test case that expects it to fire.
    for (const name of rules.matchAll(/- alert: (\w+)/g)) expect(tests, name[1]).toMatch(new RegExp(`alertname: ${name[1]}\\n\\s+exp_alerts:\\n\\s+- exp_labels`));
  });

  it('promtool check config accepts the scrape example (token read from a file)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-prom-config-'));
    try {
      const tokenFile = path.join(dir, 'token');
      fs.writeFileSync(tokenFile, 'x'.repeat(32), { mode: 0o600 });
      const file = path.join(dir, 'prometheus.yml');
      fs.writeFileSync(file, configFromExample({ target: '127.0.0.1:3000', dashboardUrl: 'http://127.0.0.1:3000', tokenFile, interval: '15s', timeout: '10s' }));
      const r = promtool(['check', 'config', file]);
      expect(r.out).toContain('SUCCESS');
      expect(r.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
