// Next.js configuration (CommonJS: package.json has no "type" field).
// Telemetry is disabled through NEXT_TELEMETRY_DISABLED=1, which every script sets.

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
