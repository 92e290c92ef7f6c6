// The ports of this run, read from the same variables as playwright.config.ts,
// so several runs can share a machine.

/** The app's port. */
export const appPort = process.env.E2E_PORT ?? '3100';
/** The OpenID Connect provider's port. */
export const oidcPort = process.env.E2E_OIDC_PORT ?? '3200';
/** The fake GitHub's port. */
export const githubPort = process.env.E2E_GITHUB_PORT ?? '3201';
