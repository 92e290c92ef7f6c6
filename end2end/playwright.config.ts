import { defineConfig } from '@playwright/test';

// Browser tests of Camp Connect in Debian's chromium (Playwright cannot
// download its own browsers here). Every spec runs twice: hydrated with
// JavaScript, and as plain server-rendered HTML without it.
const port = process.env.E2E_PORT ?? '3100';
const baseURL = `http://127.0.0.1:${port}`;
const bin = process.env.SERVER_BIN ?? '../target/debug/camp-connect';
const oidcPort = process.env.E2E_OIDC_PORT ?? '3200';
const githubPort = process.env.E2E_GITHUB_PORT ?? '3201';

export default defineConfig({
  testDir: './tests',
  // A debug server on a 2-core machine shared with the browsers: the longer
  // specs (sign-in, several pages, the outbox) took 20–30 s, and the 30 s
  // default turned load into failures.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  // One retry in CI only: a rare flake must not hide behind retries while
  // developing.
  retries: process.env.CI === 'true' ? 1 : 0,
  forbidOnly: true,
  reporter: 'list',
  use: {
    baseURL,
    locale: 'ja-JP',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
  webServer: [
    {
      // A real OpenID Connect provider (oidc-provider) for the sign-in tests.
      command: 'exec node oidc/provider.mjs',
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        OIDC_PORT: oidcPort,
        OIDC_REDIRECT_URI: `${baseURL}/auth/oidc/test/callback`,
      },
    },
    {
      // A fake GitHub (OAuth app endpoints and REST API) for the GitHub tests.
      command: 'exec node oidc/github.mjs',
      url: `http://127.0.0.1:${githubPort}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        GITHUB_PORT: githubPort,
        GITHUB_CLIENT_ID: 'camp-connect-gh',
        GITHUB_CLIENT_SECRET: 'e2e-only-gh-secret',
        GITHUB_REDIRECT_URI: `${baseURL}/auth/github/callback`,
      },
    },
    {
    // A fresh SQLite database with the demo data for every run.
    command: `rm -rf .tmp && ${bin} seed --demo && exec ${bin} serve`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: 'sqlite://.tmp/e2e.db',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? '../target/site',
      RUST_LOG: 'warn',
      DEMO_SIGN_IN: 'true',
      PUBLIC_URL: baseURL,
      OIDC_PROVIDERS: 'test',
      OIDC_TEST_ISSUER: `http://127.0.0.1:${oidcPort}`,
      OIDC_TEST_CLIENT_ID: 'camp-connect',
      OIDC_TEST_CLIENT_SECRET: 'e2e-only-secret',
      OIDC_TEST_LABEL: 'Test IdP',
      GITHUB_CLIENT_ID: 'camp-connect-gh',
      GITHUB_CLIENT_SECRET: 'e2e-only-gh-secret',
      GITHUB_URL: `http://127.0.0.1:${githubPort}`,
      GITHUB_API_URL: `http://127.0.0.1:${githubPort}/api/v3`,
      // Every test signs in from 127.0.0.1, many times a minute.
      AUTH_RATE_LIMIT: '100000',
    },
    },
  ],
});
