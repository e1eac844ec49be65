#!/usr/bin/env node
// Completes `next build`'s standalone output (.next/standalone) into what is
// served and shipped; run by `npm run build`, `npm start` and the Dockerfile:
// - .next/static and public/ copied beside it: the standalone server serves
//   them but Next does not copy them ("these folders can be copied to the
//   standalone/public and standalone/.next/static folders manually",
//   https://nextjs.org/docs/app/api-reference/config/next-config-js/output);
// - server.js replaced by scripts/standalone-server.cjs (env check, then
//   Next's request handler on an http.Server we own, in one process);
// - check-env.cjs: scripts/check-env.ts bundled (lib/server/env.ts and the
//   Security defaults), so the image needs no TypeScript tooling;
// - scripts/http-guard.mjs beside it when present (issue #12).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { newestFileMtime, newestMtime } from './build-state.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);

/** Bundles scripts/check-env.ts into one CommonJS file with esbuild (tsx's own dependency), when stale. */
export function bundleCheckEnv(root, outfile) {
  const inputsAt = Math.max(newestMtime(path.join(root, 'lib/server')), newestFileMtime(root, ['scripts/check-env.ts', 'package-lock.json', 'tsconfig.json']));
  if (fs.existsSync(outfile) && fs.statSync(outfile).mtimeMs >= inputsAt) return outfile;
  const require = createRequire(path.join(root, 'node_modules/tsx/package.json'));
  const esbuild = require('esbuild');
  try {
    bundle(esbuild, root, outfile);
  } finally {
    // buildSync runs esbuild's service in a worker thread whose child process
    // would otherwise stay beside the server `npm start` runs in this process.
    esbuild.stop();
  }
  return outfile;
}

function bundle(esbuild, root, outfile) {
  esbuild.buildSync({
    entryPoints: [path.join(root, 'scripts/check-env.ts')],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    outfile,
    logLevel: 'silent',
  });
}

function replaceDir(from, to) {
  fs.rmSync(to, { recursive: true, force: true });
  if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
}

/** Makes .next/standalone complete; returns its path. Throws when `next build` made none. */
export function prepareStandalone(root) {
  // (Also run by `npm start` on every start: copying static/ and public/ takes milliseconds.)
  const dir = path.join(root, '.next', 'standalone');
  if (!fs.existsSync(path.join(dir, '.next', 'required-server-files.json'))) {
    throw new Error(`${dir} holds no standalone build: run \`npm run build\` (next.config.mjs must keep output: 'standalone')`);
  }
  const guard = path.join(root, 'scripts', 'http-guard.mjs');
  const server = path.join(root, 'scripts', 'standalone-server.cjs');
  // Copy only when something changed: several servers may start from the same
  // build at once (the e2e run starts three), and replacing .next/static under a
  // server that is already serving it makes its pages' chunks 404 for a moment.
  const stamp = JSON.stringify({
    build: fs.readFileSync(path.join(root, '.next', 'BUILD_ID'), 'utf8').trim(),
    public: newestMtime(path.join(root, 'public')),
    server: newestFileMtime(root, ['scripts/standalone-server.cjs', 'scripts/http-guard.mjs']),
  });
  const stampFile = path.join(dir, '.ksd-prepared');
  const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (current !== stamp) {
    // Source folders the tracer copies for instrumentation.ts (outputFileTracingExcludes
    // in next.config.mjs applies to routes only): TypeScript sources and test fixtures
    // reached through the probes' computed paths. Nothing at run time reads them (the
    // compiled chunks live in .next/server), so they do not ship.
    for (const src of ['app', 'components', 'lib', 'test', 'e2e', 'docs']) fs.rmSync(path.join(dir, src), { recursive: true, force: true });
    replaceDir(path.join(root, '.next', 'static'), path.join(dir, '.next', 'static'));
    replaceDir(path.join(root, 'public'), path.join(dir, 'public'));
    fs.copyFileSync(server, path.join(dir, 'server.js'));
    if (fs.existsSync(guard)) fs.copyFileSync(guard, path.join(dir, 'http-guard.mjs'));
    fs.writeFileSync(stampFile, stamp);
  }
  bundleCheckEnv(root, path.join(dir, 'check-env.cjs'));
  return dir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(here, 'standalone.mjs')) {
  const dir = prepareStandalone(path.resolve(here, '..'));
  console.error(`[standalone] ${path.relative(process.cwd(), dir) || '.'}: static assets, public/, server.js and check-env.cjs in place`);
}
