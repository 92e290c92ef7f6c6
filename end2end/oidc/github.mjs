// A fake GitHub for the browser tests: the OAuth app endpoints and the two
// REST calls Camp Connect makes, on 127.0.0.1, with plain node:http.
//
// Authorization is approved at once (no login page). Who signs in comes from
// cookies a test sets on 127.0.0.1 (so each browser context chooses its own,
// and parallel tests never share an account):
//   gh_id     the numeric user id (default 4242)
//   gh_login  the login (default hanako-gh); the name is "GitHub <login>",
//             except the default user's "GitHub Hanako"
// A login starting with "unverified-" has no verified email, one starting
// with "noname-" has no profile name. The email is <login>@users.example.jp.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const port = Number(process.env.GITHUB_PORT ?? 3201);
const clientId = process.env.GITHUB_CLIENT_ID ?? 'camp-connect-gh';
const clientSecret = process.env.GITHUB_CLIENT_SECRET ?? 'e2e-only-gh-secret';
const redirectUri = process.env.GITHUB_REDIRECT_URI ?? 'http://127.0.0.1:3100/auth/github/callback';

/** Issued codes: code -> { user, challenge, redirectUri }, single use. */
const codes = new Map();
/** Issued access tokens: token -> user. */
const tokens = new Map();

function cookies(req) {
  const out = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k) out[k] = decodeURIComponent(v.join('='));
  }
  return out;
}

function userOf(req) {
  const c = cookies(req);
  const login = c.gh_login ?? 'hanako-gh';
  const id = Number(c.gh_id ?? 4242);
  const name = login === 'hanako-gh' ? 'GitHub Hanako' : login.startsWith('noname-') ? null : `GitHub ${login}`;
  const verified = !login.startsWith('unverified-');
  return {
    id,
    login,
    name,
    emails: [
      { email: `${login}@users.example.jp`, primary: true, verified, visibility: 'private' },
      { email: `${login}-old@users.example.jp`, primary: false, verified: false, visibility: null },
    ],
  };
}

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function text(res, status, body) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

async function form(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

/** The client credentials, from the body or from HTTP basic auth. */
function credentials(req, params) {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString().split(':');
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret ?? '') };
  }
  return { id: params.get('client_id'), secret: params.get('client_secret') };
}

function authorize(req, res, url) {
  const q = url.searchParams;
  if (q.get('client_id') !== clientId) return text(res, 400, 'unknown client_id');
  if (q.get('redirect_uri') !== redirectUri) return text(res, 400, 'redirect_uri mismatch');
  if (q.get('response_type') !== 'code') return text(res, 400, 'response_type must be code');
  if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
    return text(res, 400, 'PKCE S256 required');
  }
  const scopes = (q.get('scope') ?? '').split(/[ ,]+/);
  if (!scopes.includes('read:user') || !scopes.includes('user:email')) {
    return text(res, 400, 'scope must include read:user and user:email');
  }
  const code = randomBytes(16).toString('hex');
  codes.set(code, { user: userOf(req), challenge: q.get('code_challenge'), redirectUri });
  const back = new URL(redirectUri);
  back.searchParams.set('code', code);
  back.searchParams.set('state', q.get('state') ?? '');
  res.writeHead(302, { location: back.toString() });
  res.end();
}

async function accessToken(req, res) {
  const params = await form(req);
  const { id, secret } = credentials(req, params);
  if (id !== clientId || secret !== clientSecret) {
    return json(res, 200, { error: 'incorrect_client_credentials' });
  }
  const code = params.get('code');
  const issued = codes.get(code);
  codes.delete(code);
  // GitHub answers refusals with 200 and an error field.
  if (!issued) return json(res, 200, { error: 'bad_verification_code' });
  if (params.get('redirect_uri') !== issued.redirectUri) {
    return json(res, 200, { error: 'redirect_uri_mismatch' });
  }
  const verifier = params.get('code_verifier') ?? '';
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  if (challenge !== issued.challenge) return json(res, 200, { error: 'bad_verification_code' });
  const token = `gho_${randomBytes(16).toString('hex')}`;
  tokens.set(token, issued.user);
  json(res, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
}

function api(req, res, path) {
  const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const user = token && tokens.get(token);
  if (!user) return json(res, 401, { message: 'Requires authentication' });
  if (!req.headers['user-agent']) return json(res, 403, { message: 'User-Agent required' });
  if (path === '/user') return json(res, 200, { id: user.id, login: user.login, name: user.name, type: 'User' });
  return json(res, 200, user.emails);
}

const server = createServer((req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${port}`);
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /login/oauth/authorize') return authorize(req, res, url);
  if (route === 'POST /login/oauth/access_token') {
    return accessToken(req, res).catch(() => json(res, 500, { error: 'server_error' }));
  }
  if (route === 'GET /api/v3/user') return api(req, res, '/user');
  if (route === 'GET /api/v3/user/emails') return api(req, res, '/user/emails');
  if (route === 'GET /healthz') return text(res, 200, 'ok');
  text(res, 404, 'not found');
});

server.listen(port, '127.0.0.1', () => {
  console.log(`fake GitHub at http://127.0.0.1:${port}`);
});
