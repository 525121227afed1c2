/** @type {import('next').NextConfig} */
const basePath = process.env.BASE_PATH ?? '';

const nextConfig = {
  output: 'standalone',
  // Several dev servers may share this checkout (one per developer task): each gets its own dir.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  basePath: basePath === '/' ? '' : basePath,
  poweredByHeader: false,
  reactStrictMode: true,
  // The simulator and the Kubernetes client are server-only Node code.
  serverExternalPackages: ['@kubernetes/client-node', 'ws'],
};

export default nextConfig;
