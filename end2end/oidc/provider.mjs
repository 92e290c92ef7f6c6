// A real OpenID Connect provider for the browser tests: the certified
// `oidc-provider` package with its development login pages, on 127.0.0.1.
// Any login name signs in; the account's email is <login>@idp.example.jp.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 3200);
const issuer = `http://127.0.0.1:${port}`;
const redirectUri = process.env.OIDC_REDIRECT_URI ?? 'http://127.0.0.1:3100/auth/oidc/test/callback';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'camp-connect',
      client_secret: 'e2e-only-secret',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  // Short-lived codes, so a test can let one expire (our server redeems a
  // fresh code within milliseconds).
  ttl: { AuthorizationCode: Number(process.env.OIDC_CODE_TTL ?? 5) },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['e2e-only-cookie-key'] },
  async findAccount(_ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return { sub, email: `${sub}@idp.example.jp`, email_verified: true, name: `IdP ${sub}` };
      },
    };
  },
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`OpenID Connect provider at ${issuer}`);
});
