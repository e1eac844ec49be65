// When is the production build stale? Shared by `npm start` (scripts/start.mjs)
// and `npm run bench` (scripts/bench.mjs), so both rebuild for the same edits.
import fs from 'node:fs';
import path from 'node:path';

/** Newest modification time (ms) of any file under `dir`; 0 when it does not exist. */
export function newestMtime(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    let entries = [];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  }
  return newest;
}

/** Newest modification time of the given files (relative to root); a missing file counts 0. */
export function newestFileMtime(root, files) {
  return Math.max(
    0,
    ...files.map((f) => {
      try {
        return fs.statSync(path.join(root, f)).mtimeMs;
      } catch {
        return 0;
      }
    }),
  );
}

/** Folders and files whose changes make `next build` output stale. */
export const BUILD_INPUT_DIRS = ['app', 'components', 'lib', 'public'];
export const BUILD_INPUT_FILES = ['next.config.mjs', 'package-lock.json', 'tailwind.config.ts', 'proxy.ts', 'instrumentation.ts', 'instrumentation-node.ts'];

/** True when .next holds a standalone build newer than every build input. */
export function buildIsFresh(root) {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (builtAt === 0) return false;
  // A build from before `output: 'standalone'` cannot be served in one process.
  if (!fs.existsSync(path.join(root, '.next', 'standalone', '.next', 'required-server-files.json'))) return false;
  const sourcesAt = Math.max(...BUILD_INPUT_DIRS.map((d) => newestMtime(path.join(root, d))), newestFileMtime(root, BUILD_INPUT_FILES));
  return sourcesAt <= builtAt;
}
