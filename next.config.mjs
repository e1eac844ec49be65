import path from 'node:path';
import { fileURLToPath } from 'node:url';

// No Next.js telemetry from an agent host, however `next build` is started
// (npm scripts, the Dockerfile and scripts/*.mjs set it too). The telemetry
// module reads this variable when `next build` creates it, after loading this
// file. https://nextjs.org/telemetry
process.env.NEXT_TELEMETRY_DISABLED = '1';

const root = path.dirname(fileURLToPath(import.meta.url));
// The Dockerfile's build stage sets this: a one-off build in a throwaway layer
// gains nothing from Turbopack's on-disk cache (≈ 1 min of writes on 2 CPUs),
// and type checking is `npm test`'s job (typecheck suite), not the image's.
const imageBuild = process.env.KSD_IMAGE_BUILD === '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone (server code plus only the
  // node_modules files it uses), served in one process by
  // scripts/standalone-server.cjs: `npm start`, the container image and the
  // systemd unit all run that. https://nextjs.org/docs/app/api-reference/config/next-config-js/output
  output: 'standalone',
  // Trace from this folder, not from a parent that happens to hold another
  // lockfile (git worktrees, monorepos): keeps .next/standalone/server.js at the top.
  outputFileTracingRoot: root,
  turbopack: { root },
  // Not in the standalone output (the image ships it): sharp/libvips (about
  // 20 MB; the dashboard has no next/image), and sources the tracer picks up
  // because server code reads files at runtime by computed paths.
  outputFileTracingExcludes: { '*': ['node_modules/@img/**', 'node_modules/sharp/**', 'test/**', 'lib/**/*.ts', 'docs/**', 'e2e/**'] },
  // dockerode pulls in ssh2 (optional native addon): keep these out of the bundle.
  // prom-client: plain CommonJS loaded by Node as is (its registry lives on globalThis, lib/server/metrics/registry.ts).
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'prom-client'],
  ...(imageBuild ? { typescript: { ignoreBuildErrors: true }, experimental: { turbopackFileSystemCacheForBuild: false } } : {}),
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
