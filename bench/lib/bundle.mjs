// First-load JS per page, from the production build. Next 16 no longer prints
// sizes after `next build`; it writes them to .next/diagnostics/route-bundle-stats.json
// (route, firstLoadChunkPaths, firstLoadUncompressedJsBytes). Each chunk is
// gzipped here (level 9, like the old build output) and summed per route.
// Fallback for builds without that file: the page's entry chunks from its
// client-reference manifest plus build-manifest rootMainFiles.
// Polyfills (nomodule, not loaded by modern browsers) are not counted.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

const gzCache = new Map();
function gzipBytes(file) {
  if (!gzCache.has(file)) gzCache.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length);
  return gzCache.get(file);
}

function fromDiagnostics(root) {
  const file = path.join(root, '.next/diagnostics/route-bundle-stats.json');
  if (!fs.existsSync(file)) return null;
  const stats = JSON.parse(fs.readFileSync(file, 'utf8'));
  return stats.map((s) => ({ route: s.route, chunks: s.firstLoadChunkPaths.map((c) => path.join(root, c)) }));
}

function fromManifests(root) {
  const next = path.join(root, '.next');
  const build = JSON.parse(fs.readFileSync(path.join(next, 'build-manifest.json'), 'utf8'));
  const routes = JSON.parse(fs.readFileSync(path.join(next, 'app-path-routes-manifest.json'), 'utf8'));
  const out = [];
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith('/page')) continue;
    const manifestFile = path.join(next, 'server/app', `${entry}_client-reference-manifest.js`);
    if (!fs.existsSync(manifestFile)) continue;
    const sandbox = { globalThis: {} };
    vm.runInNewContext(fs.readFileSync(manifestFile, 'utf8'), sandbox, { timeout: 1000 });
    const m = sandbox.globalThis.__RSC_MANIFEST?.[entry];
    const entryFiles = Object.values(m?.entryJSFiles ?? {}).flat();
    const files = new Set([...entryFiles, ...(build.rootMainFiles ?? [])]);
    out.push({ route, chunks: [...files].map((f) => path.join(next, f)) });
  }
  return out;
}

/** [{ route, gzipKb, rawKb, chunks }] sorted by route; throws when there is no build. */
export function firstLoadJs(root) {
  if (!fs.existsSync(path.join(root, '.next/BUILD_ID'))) throw new Error('no production build in .next (run `npm run build`)');
  const routes = fromDiagnostics(root) ?? fromManifests(root);
  return routes
    .map(({ route, chunks }) => {
      const present = chunks.filter((c) => c.endsWith('.js') && fs.existsSync(c));
      return {
        route,
        gzipKb: present.reduce((n, c) => n + gzipBytes(c), 0) / 1024,
        rawKb: present.reduce((n, c) => n + fs.statSync(c).size, 0) / 1024,
        chunks: present.length,
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}
