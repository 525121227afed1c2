/** @type {import('next').NextConfig} */
const basePath = process.env.BASE_PATH ?? '';

const nextConfig = {
  output: 'standalone',
  // Several dev servers may share this checkout (one per developer task): each gets its own dir.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  basePath: basePath === '/' ? '' : basePath,
  poweredByHeader: false,
  // The browser's API client prefixes root-relative calls with it (lib/api-client/fetch-json.ts).
  env: { NEXT_PUBLIC_BASE_PATH: basePath === '/' ? '' : basePath },
  reactStrictMode: true,
  // The simulator and the Kubernetes client are server-only Node code.
  serverExternalPackages: ['@kubernetes/client-node', 'ws'],
};

export default nextConfig;
