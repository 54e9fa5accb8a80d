import { defineConfig, devices } from '@playwright/test';

// The built app, started by scripts/start.mjs (it builds first when the build is stale).
const PORT = Number(process.env.E2E_PORT ?? 3107);
const HOST = '127.0.0.1';
const BASE_URL = `http://${HOST}:${PORT}`;
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/e2e',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 2 : 0,
  workers: isCI ? 1 : undefined,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: BASE_URL,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      // No browser downloads on these machines: use Debian's Chromium (apt-get install chromium).
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: `node scripts/start.mjs --host ${HOST} --port ${PORT}`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: !isCI,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // no access token for the shared server (a token in the caller's environment would turn it on)
    env: { NEXT_TELEMETRY_DISABLED: '1', RBAC_ATLAS_TOKEN: '', RBAC_ATLAS_REQUIRE_TOKEN: '' },
  },
});
