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

/** @type {import('next').NextConfig} */
const nextConfig = {
  // dockerode pulls in ssh2 (optional native addon), and the history store is
  // better-sqlite3 (a native addon): keep these out of the bundle.
  // prom-client: plain CommonJS loaded by Node as is (its registry lives on globalThis, lib/server/metrics/registry.ts).
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'better-sqlite3', 'prom-client'],
  poweredByHeader: false,
  reactStrictMode: true,
  // Security (README "Security"): no image optimizer (the app has no images; it
  // answered 500 to /_next/image?url=/containers and wrote under .next/cache at
  // run time), and Next's proxy buffers at most 256 KiB of a request body (the
  // API's own limit, lib/server/http.ts MAX_BODY_BYTES; the default is 10 MB).
  images: { unoptimized: true },
  experimental: { proxyClientMaxBodySize: '256kb' },
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
