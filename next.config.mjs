/** @type {import('next').NextConfig} */
const nextConfig = {
  // dockerode pulls in ssh2 (optional native addon): keep these out of the bundle.
  // prom-client: plain CommonJS loaded by Node as is (its registry lives on globalThis, lib/server/metrics/registry.ts).
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'prom-client'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
