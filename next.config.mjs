import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Security headers for what proxy.ts does not see (its matcher skips
 * /_next/static, /_next/image and favicon.ico, and some /_next/* 404s never
 * reach it): the same static set on every response; proxy.ts sets them again,
 * with a per-request CSP on pages, wherever it runs. HSTS only matters over
 * https (browsers ignore it on http), so it follows X-Forwarded-Proto here.
 */
const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

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
  // dockerode pulls in ssh2 (optional native addon), and the history store is
  // better-sqlite3 (a native addon): keep these out of the bundle.
  // prom-client: plain CommonJS loaded by Node as is (its registry lives on globalThis, lib/server/metrics/registry.ts).
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'better-sqlite3', 'prom-client'],
  ...(imageBuild ? { typescript: { ignoreBuildErrors: true } } : {}),
  poweredByHeader: false,
  reactStrictMode: true,
  // Security (README "Security"): no image optimizer (the app has no images; it
  // answered 500 to /_next/image?url=/containers and wrote under .next/cache at
  // run time), and Next's proxy buffers at most 256 KiB of a request body (the
  // API's own limit, lib/server/http.ts MAX_BODY_BYTES; the default is 10 MB).
  images: { unoptimized: true },
  experimental: { proxyClientMaxBodySize: '256kb', ...(imageBuild ? { turbopackFileSystemCacheForBuild: false } : {}) },
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      // Pages get their nonce CSP from proxy.ts; Next's own files and 404s under /_next/ get this one.
      { source: '/_next/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
      { source: '/:path*', has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }], headers: [{ key: 'Strict-Transport-Security', value: 'max-age=31536000' }] },
    ];
  },
};

export default nextConfig;
