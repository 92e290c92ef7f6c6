// The deploy drill: docs/operations.md's "The first deploy, step by step",
// run as written. A fresh PostgreSQL database; `migrate` and `create-admin`
// from the doc's database block; two instances started by the doc's
// instance block with APP_ENV=production and no demo sign-in, behind a TLS
// proxy that sends requests to both in turn (end2end/deploy/proxy.mjs); the
// first administrator signing in through a real OpenID Connect provider;
// then the programmes created and a history file imported, and the alumni
// found in the directory. A step of the doc that stops working fails here.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, jsEnabled, waitForHydration } from './fixtures';
import { offline, provider_login } from './idp';
import { deployStep, freePort, waitForHttp } from './deploy-steps';

const postgres = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const bin = path.resolve(process.env.SERVER_BIN ?? '../target/debug/camp-connect');
const siteRoot = path.resolve(process.env.LEPTOS_SITE_ROOT ?? '../target/site');
/** The login at the test provider whose verified email the administrator has. */
const adminLogin = 'drill-admin';
/** An alumna the history file names, who then signs in with that address. */
const alumnaLogin = 'drill-alumna';

test.describe.configure({ mode: 'serial' });

/** What one project's drill started, to stop it afterwards. */
interface Drill {
  dir: string;
  database: string;
  databaseUrl: string;
  publicUrl: string;
  upstreams: string[];
  env: NodeJS.ProcessEnv;
  processes: ChildProcess[];
}

let drill: Drill;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'camp-connect-drill-'));
  // The doc's blocks call `camp-connect` by name, as an operator would.
  mkdirSync(path.join(dir, 'bin'));
  symlinkSync(bin, path.join(dir, 'bin', 'camp-connect'));
  const database = `drill_${testInfo.project.name.replace(/\W/g, '_')}_${process.pid}`;
  psql(`DROP DATABASE IF EXISTS ${database}`);
  psql(`CREATE DATABASE ${database}`);
  const databaseUrl = postgres.replace(/\/[^/]*$/, `/${database}`);
  // The proxy's certificate: the load balancer terminates TLS, and
  // production refuses a PUBLIC_URL that is not https.
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const [proxyPort, oidcPort, first, second] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const publicUrl = `https://127.0.0.1:${proxyPort}`;
  const issuer = `http://127.0.0.1:${oidcPort}`;
  const env: NodeJS.ProcessEnv = {
    PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`,
    HOME: process.env.HOME,
    DATABASE_URL: databaseUrl,
    ADMIN_EMAIL: `${adminLogin}@idp.example.jp`,
    SITE_ROOT: siteRoot,
    PUBLIC_URL: publicUrl,
    OIDC_PROVIDERS: 'test',
    OIDC_TEST_ISSUER: issuer,
    OIDC_TEST_CLIENT_ID: 'camp-connect',
    OIDC_TEST_CLIENT_SECRET: 'e2e-only-secret',
    OIDC_TEST_LABEL: 'Test IdP',
    RUST_LOG: 'warn',
  };
  drill = { dir, database, databaseUrl, publicUrl, upstreams: [], env, processes: [] };

  const migrated = deployStep('database', env, dir);
  expect(migrated, 'the database block lists the migrations it applies').toContain('applied');

  drill.processes.push(
    spawn('node', ['oidc/provider.mjs'], {
      env: { ...process.env, OIDC_PORT: String(oidcPort), OIDC_REDIRECT_URI: `${publicUrl}/auth/oidc/test/callback` },
      stdio: 'ignore',
    }),
  );
  for (const port of [first, second]) {
    const listen = `127.0.0.1:${port}`;
    drill.upstreams.push(listen);
    drill.processes.push(deployStep('instance', { ...env, LISTEN: listen }, dir, { background: true }));
  }
  drill.processes.push(
    spawn('node', ['deploy/proxy.mjs'], {
      env: {
        ...process.env,
        PROXY_PORT: String(proxyPort),
        PROXY_UPSTREAMS: drill.upstreams.join(','),
        PROXY_KEY: path.join(dir, 'key.pem'),
        PROXY_CERT: path.join(dir, 'cert.pem'),
      },
      stdio: 'ignore',
    }),
  );
  await waitForHttp(`${issuer}/.well-known/openid-configuration`);
  for (const upstream of drill.upstreams) await waitForHttp(`http://${upstream}/readyz`);
});

test.afterAll(async () => {
  if (!drill) return;
  for (const child of drill.processes) child.kill('SIGTERM');
  await Promise.all(
    drill.processes.map((child) => new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)))),
  );
  psql(`DROP DATABASE IF EXISTS ${drill.database}`);
  rmSync(drill.dir, { recursive: true, force: true });
});

function psql(sql: string) {
  execFileSync('psql', [postgres, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: 'pipe' });
}

/** The instances that answered the pages `page` loaded through the proxy. */
function recordUpstreams(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on('response', (res) => {
    const upstream = res.headers()['x-upstream'];
    if (upstream && res.request().resourceType() === 'document') seen.add(upstream);
  });
  return seen;
}

test.use({ ignoreHTTPSErrors: true });

test('the first administrator signs in through OpenID Connect on a production deploy of two instances', async ({ page }) => {
  await offline(page);
  const upstreams = recordUpstreams(page);
  await page.goto(`${drill.publicUrl}/sign-in`);
  // Production: no demo accounts to pick.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/デモ/)).toHaveCount(0);
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(page, adminLogin);
  await expect(page).toHaveURL(`${drill.publicUrl}/`);
  // The account create-admin made, taken over: an administrator, on
  // whichever instance answers.
  for (let i = 0; i < 4; i++) {
    await page.goto(`${drill.publicUrl}/admin/organisers`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('主催者の管理');
  }
  expect([...upstreams].sort(), 'both instances served the administrator').toEqual([...drill.upstreams].sort());
  const cookies = await page.context().cookies(drill.publicUrl);
  const session = cookies.find((c) => c.name === '__Host-cc_session');
  expect(session, 'the session cookie has the __Host- name over HTTPS').toBeDefined();
  expect(session?.secure, 'and is Secure').toBe(true);
  expect(session?.httpOnly, 'and HttpOnly').toBe(true);
});

/** Signs in at the drill's site through the test provider as `login`. */
async function signInThroughProvider(page: Page, login: string) {
  await offline(page);
  await page.goto(`${drill.publicUrl}/sign-in`);
  await page.getByRole('link', { name: /Test IdP/ }).click();
  await provider_login(page, login);
  await expect(page).toHaveURL(`${drill.publicUrl}/`);
}

test('the administrator creates the programme, the office imports twenty years, and the alumni are there on both instances', async ({ page }, testInfo) => {
  testInfo.setTimeout(300_000);
  await signInThroughProvider(page, adminLogin);

  // The programme the history belongs to, made from the admin pages.
  await page.goto(`${drill.publicUrl}/admin/programmes/new`);
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await page.getByLabel('URL 名（半角英小文字・数字・ハイフン）').fill('camp');
  await page.getByLabel('種類').selectOption('camp');
  await page.getByLabel('名前（日本語）').fill('セキュリティ・キャンプ全国大会');
  await page.getByLabel('名前（英語）').fill('Security Camp');
  await page.getByLabel('説明（日本語）').fill('22 歳以下の学生のための合宿形式の講義です。');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');

  // The office's file: here the generated twenty years, plus one alumna
  // whose address the test provider reports as verified.
  const history = path.join(drill.dir, 'history.csv');
  execFileSync('camp-connect', ['seed', '--history', history], { env: drill.env, cwd: drill.dir });
  const plainRow = readFileSync(history, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .find((line) => /^\d{4},camp,/.test(line) && !line.includes('"') && line.endsWith(',yes'));
  if (!plainRow) throw new Error('the generated history has no plain completed participant row');
  const [year, programme, cohort, track, trackJa, trackEn] = plainRow.split(',');
  appendFileSync(
    history,
    `${[year, programme, cohort, track, trackJa, trackEn, 'participant', '港', '花子', 'Hanako Minato', `${alumnaLogin}@idp.example.jp`, 'yes'].join(',')}\r\n`,
  );
  const imported = deployStep('import', { ...drill.env, HISTORY_FILE: history }, drill.dir);
  expect(imported).toMatch(/refused/);

  // The administrator finds the alumni in the directory, on either instance.
  const upstreams = recordUpstreams(page);
  for (let i = 0; i < 4; i++) {
    await page.goto(`${drill.publicUrl}/alumni?q=${encodeURIComponent('港 花子')}`);
    await expect(page.getByRole('link', { name: /港 花子/ })).toBeVisible();
  }
  expect([...upstreams].sort()).toEqual([...drill.upstreams].sort());
});

test('an imported alumna signs in with the address on file and finds her certificate', async ({ page }) => {
  await signInThroughProvider(page, alumnaLogin);
  await page.goto(`${drill.publicUrl}/account/certificates`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('自分の修了証');
  await expect(page.getByRole('link', { name: '印刷用の修了証' })).toHaveCount(1);
});
