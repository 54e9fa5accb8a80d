// Next.js configuration (CommonJS: package.json has no "type" field).
// Telemetry is disabled through NEXT_TELEMETRY_DISABLED=1, which every script sets.

// proxy.ts runs on every request, so Next buffers request bodies for it, and silently truncates a
// body at this limit. Keep it above the upload cap of lib/server/limits.ts (default 50 MiB plus a
// 1 MiB envelope), read from the same variable, so that /api/upload sees enough of an oversized
// body to answer 413 instead of parsing a truncated one.
const MIB = 1024 * 1024;
const maxUpload = Number(process.env.RBAC_ATLAS_MAX_UPLOAD_BYTES);
const uploadBytes = Number.isSafeInteger(maxUpload) && maxUpload > 0 ? maxUpload : 50 * MIB;

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    proxyClientMaxBodySize: uploadBytes + 2 * MIB,
  },
};

module.exports = nextConfig;
