import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** Debian's `prometheus` package (installed by scripts/test.mjs through ensurePackages). */
export const PROMETHEUS = '/usr/bin/prometheus';
export const PROMTOOL = '/usr/bin/promtool';
export const ROOT = path.resolve(__dirname, '../..');
export const DEPLOY = path.join(ROOT, 'deploy/prometheus');

export function promtool(args: string[], input?: string): { code: number; out: string } {
  try {
    const out = execFileSync(PROMTOOL, args, { cwd: DEPLOY, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { code: 0, out };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

interface ScrapeConfig {
  job_name: string;
  scheme?: string;
  scrape_interval?: string;
  scrape_timeout?: string;
  authorization?: { type?: string; credentials_file?: string };
  static_configs: { targets: string[]; labels?: Record<string, string> }[];
}

/**
 * deploy/prometheus/scrape.yml, pointed at a test server: the shipped example
 * with only the target, scheme, intervals, token file and rule file replaced,
 * so the test proves the example itself works.
 */
export function configFromExample(opts: { target: string; dashboardUrl: string; tokenFile: string; interval: string; timeout: string }): string {
  const doc = YAML.parse(fs.readFileSync(path.join(DEPLOY, 'scrape.yml'), 'utf8')) as { rule_files: string[]; scrape_configs: ScrapeConfig[] };
  const job = doc.scrape_configs[0];
  if (!job) throw new Error('scrape.yml has no scrape config');
  job.scheme = 'http';
  job.scrape_interval = opts.interval;
  job.scrape_timeout = opts.timeout;
  job.authorization = { ...job.authorization, credentials_file: opts.tokenFile };
  job.static_configs = [{ targets: [opts.target], labels: { dashboard_url: opts.dashboardUrl } }];
  return YAML.stringify({
    global: { scrape_interval: opts.interval, evaluation_interval: opts.interval },
    rule_files: [path.join(DEPLOY, 'alerts.yml')],
    scrape_configs: [job],
  });
}
