/**
 * Every page and API route of the app, enumerated from the file tree
 * (app/**\/page.tsx, and every app/**\/route.ts: /api/** and /metrics), so a
 * route added later is covered by the 401 and fuzz tests without anyone
 * listing it. Route handlers outside /api (GET /metrics for Prometheus) count
 * as API routes: 401 JSON without credentials, never a login redirect.
 */
import fs from 'node:fs';
import path from 'node:path';

export const APP_DIR = path.join(process.cwd(), 'app');
export const PUBLIC_PAGES = new Set(['/login']);
export const PUBLIC_API = new Set(['/api/health', '/api/auth/login']);
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export interface AppRoute {
  kind: 'page' | 'api';
  file: string;
  /** URL with every dynamic segment filled with a sample value. */
  url: string;
  /** The route's segments; `dynamic` marks [param] ones (name without brackets). */
  segments: { value: string; dynamic: string | null; catchAll: boolean }[];
  /** Exported HTTP methods (API routes). */
  methods: string[];
  /** Whether the handler declares a JSON request body (route({ body: schema })); a 'text' body (pasted text to lint) accepts any text. */
  takesBody: boolean;
  isPublic: boolean;
}

/** Sample values for dynamic segments: real ones where the app has them. */
// id: a container the e2e global setup seeds (e2e/global-setup.ts), so detail routes answer 200 with credentials.
export const SAMPLES: Record<string, string> = { host: 'local', id: 'alice_1a2b3c4d' };
export function sampleFor(name: string): string {
  return SAMPLES[name] ?? 'sample-id';
}

/** Query parameters a GET route requires (without them it answers 400, rightly), by sample URL. */
const REQUIRED_QUERY: Record<string, string> = { '/api/v1/hosts/local/host-path': '?path=/tmp' };
/** The sample URL with the query its route requires, for "every GET answers 200" sweeps. */
export function withRequiredQuery(url: string): string {
  return url + (REQUIRED_QUERY[url] ?? '');
}

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name.startsWith('_') || e.name.startsWith('@')) continue; // private folders, parallel slots
      walk(p, out);
    } else out.push(p);
  }
}

export function enumerateRoutes(): AppRoute[] {
  const files: string[] = [];
  walk(APP_DIR, files);
  const routes: AppRoute[] = [];
  for (const file of files) {
    const base = path.basename(file);
    const isPage = /^page\.(tsx|ts|jsx|js|mdx)$/.test(base);
    const isApi = /^route\.(ts|js)$/.test(base);
    if (!isPage && !isApi) continue;
    const rel = path.relative(APP_DIR, path.dirname(file));
    const segments = rel === '' ? [] : rel.split(path.sep);
    const segs: AppRoute['segments'] = [];
    for (const s of segments) {
      if (/^\(.*\)$/.test(s)) continue; // route group
      const m = /^\[\[?(\.\.\.)?([^\]]+)\]\]?$/.exec(s);
      if (m) {
        const name = m[2] ?? 'x';
        segs.push({ value: m[1] ? `${sampleFor(name)}/more` : sampleFor(name), dynamic: name, catchAll: Boolean(m[1]) });
      } else segs.push({ value: s, dynamic: null, catchAll: false });
    }
    const url = `/${segs.map((s) => s.value).join('/')}`;
    const src = fs.readFileSync(file, 'utf8');
    const methods = isApi
      ? METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b`).test(src))
      : ['GET'];
    routes.push({
      kind: isApi ? 'api' : 'page',
      file: path.relative(process.cwd(), file),
      url,
      segments: segs,
      methods: [...methods],
      takesBody: isApi && /route\(\s*\{[^)]*\bbody\s*:\s*[A-Za-z_$]/.test(src),
      isPublic: isApi ? PUBLIC_API.has(url) : PUBLIC_PAGES.has(url),
    });
  }
  return routes.sort((a, b) => a.url.localeCompare(b.url));
}

/** The URL of a route with dynamic segments replaced by `value`. */
export function urlWith(route: AppRoute, value: string): string {
  return `/${route.segments.map((s) => (s.dynamic ? value : s.value)).join('/')}`;
}
