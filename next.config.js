// Next.js configuration (CommonJS: package.json has no "type" field).
// Telemetry is disabled through NEXT_TELEMETRY_DISABLED=1, which every script sets.
//
// There is no proxy.ts (middleware): the access token, Host/Origin checks, body limits and security
// headers live in the gate in front of Next (lib/server/gate.ts, started by lib/server/main.ts).
// A proxy would make Next read and buffer every request body before anything is checked.

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
