// A local OpenID provider (npm oidc-provider) for development and the sign-in tests. Never for production:
// plain http, open dynamic registration, fixed accounts whose password is their login, keys made at start.
// Usage: node provider.mjs  (BODYCAM_OIDC_PORT, default 10020; oidc-provider from ../node, see oidc.sh)
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const nodeTools = createRequire(new URL('../node/package.json', import.meta.url));
const { default: Provider, errors } = await import(nodeTools.resolve('oidc-provider'));

const port = Number(process.env.BODYCAM_OIDC_PORT ?? 10020);
const issuer = `http://127.0.0.1:${port}`;

// Role names are those of src/BodyCam.Evidence/Infrastructure/Identity/Roles.cs. `gil` carries his role and unit
// under other claim names (an array, as group-based providers send them), for Identity:RoleClaim/UnitClaim;
// `nemo` has neither, so a sign-in the server must refuse can be had.
const accounts = new Map(Object.entries({
  sam: { name: 'Sam Supervisor', role: 'Supervisor', unit: 'north' },
  olga: { name: 'Olga Officer', role: 'Officer', unit: 'north' },
  otto: { name: 'Otto Officer', role: 'Officer', unit: 'south' },
  cora: { name: 'Cora Custodian', role: 'Custodian' },
  aud: { name: 'Aud Auditor', role: 'Auditor' },
  obi: { name: 'Obi Oversight', role: 'OversightBoard' },
  ada: { name: 'Ada Admin', role: 'Admin' },
  gil: { name: 'Gil Groups', groups: ['Supervisor'], division: 'south' },
  nemo: { name: 'Nemo Nobody' },
}));

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const configuration = {
  clients: [],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomUUID()] },
  // Every claim of an account is released for `openid`, and into the id_token too (conformIdTokenClaims: false),
  // so the server has role and unit whether it reads the id_token or userinfo.
  claims: { openid: ['sub', 'role', 'unit', 'groups', 'division'], profile: ['name'] },
  conformIdTokenClaims: false,
  async findAccount(_ctx, sub) {
    const account = accounts.get(sub);
    return account && { accountId: sub, claims: async () => ({ sub, ...account }) };
  },
  features: {
    devInteractions: { enabled: false },
    registration: { enabled: true },
    rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
  responseTypes: ['code'],
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Sign-in error', `<h1>Sign-in error</h1><p role="alert">${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`);
  },
};

const provider = new Provider(issuer, configuration);

// The sign-in page: a user name, a password that must equal it, "Sign in" and "Cancel" (access_denied to the client).
// Consent is granted without asking: the accounts are test people and every client is the application under test.
provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(ctx.path);
  if (!match) {
    return next();
  }
  const [, uid, action] = match;
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== uid) {
    throw new errors.SessionNotFound('interaction mismatch');
  }
  ctx.set('cache-control', 'no-store');
  if (action === 'abort' && ctx.method === 'POST') {
    return finish(ctx, { error: 'access_denied', error_description: 'The user cancelled the sign-in.' }, false);
  }
  if (action === 'login' && ctx.method === 'POST') {
    const form = new URLSearchParams(await readBody(ctx.req));
    const login = form.get('login') ?? '';
    if (!accounts.has(login) || form.get('password') !== login) {
      ctx.status = 401;
      return renderLogin(ctx, uid, login, 'Wrong user name or password.');
    }
    return finish(ctx, { login: { accountId: login } }, false);
  }
  if (details.prompt.name === 'consent') {
    return finish(ctx, { consent: { grantId: await grantAll(details) } }, true);
  }
  return renderLogin(ctx, uid, details.params.login_hint ?? '', '');
});

async function finish(ctx, result, mergeWithLastSubmission) {
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission }));
  ctx.status = 303;
}

async function grantAll({ grantId, session, params, prompt: { details } }) {
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (details.missingOIDCScope) {
    grant.addOIDCScope(details.missingOIDCScope.join(' '));
  }
  if (details.missingOIDCClaims) {
    grant.addOIDCClaims(details.missingOIDCClaims);
  }
  return grant.save();
}

function renderLogin(ctx, uid, login, error) {
  ctx.type = 'html';
  ctx.body = page('Sign in', `<h1>Sign in</h1>
    ${error ? `<p role="alert">${escape(error)}</p>` : ''}
    <form method="post" action="/interaction/${uid}/login">
      <label for="login">User name</label> <input id="login" name="login" autocomplete="username" value="${escape(login)}" required autofocus>
      <label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">Sign in</button>
    </form>
    <form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>`);
}

// The confirmation submits itself (with logout=yes, ending the provider's session too), so a sign-out in the
// browser goes straight back to the client's post_logout_redirect_uri.
async function logoutSource(ctx, form) {
  ctx.body = page('Signing out', `<h1>Signing out</h1>
    ${form.replace('</form>', '<input type="hidden" name="logout" value="yes"><button type="submit">Sign out</button></form>')}
    <script>document.getElementById('op.logoutForm').submit()</script>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page('Signed out', '<h1>Signed out</h1>');
}

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title} - local OpenID provider</title></head><body><main>${body}</main></body></html>`;
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
