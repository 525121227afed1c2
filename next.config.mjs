/** @type {import('next').NextConfig} */
const basePath = process.env.BASE_PATH ?? '';

const nextConfig = {
  output: 'standalone',
  basePath: basePath === '/' ? '' : basePath,
  poweredByHeader: false,
  reactStrictMode: true,
  // The simulator and the Kubernetes client are server-only Node code.
  serverExternalPackages: ['@kubernetes/client-node', 'ws'],
};

export default nextConfig;
