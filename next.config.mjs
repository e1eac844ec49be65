/** @type {import('next').NextConfig} */
const nextConfig = {
  // dockerode pulls in ssh2 (optional native addon): keep these out of the bundle.
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
