/**
 * A development OpenID Connect provider (the `oidc-provider` package) for the
 * office: `npm start`, `npm run api -- --demo` and the tests sign in through
 * it, the whole redirect flow included. It listens on 127.0.0.1 only, knows a
 * few accounts with their passwords (shown on its sign-in page), and speaks
 * ProConnect's scopes and claims (`email`, `given_name`, `usual_name`).
 * Never for production: the service refuses `--demo` when NODE_ENV=production.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface DevAccount {
  /** What is typed in the sign-in form (the e-mail address by default). */
  login?: string;
  sub: string;
  email: string;
  givenName: string;
  usualName: string;
  password: string;
  /** Shown beside the account on the sign-in page. */
  note?: string;
}

export const DEMO_PASSWORD = 'campus';

/** The demo accounts `--demo` grants (the third has no grant: it shows the "no access" page). */
export const DEMO_ACCOUNTS: DevAccount[] = [
  { sub: 'demo-gestion', email: 'gestion@campus.test', givenName: 'Camille', usualName: 'Gestion', password: DEMO_PASSWORD, note: 'équipe du campus : voit tout' },
  {
    sub: 'demo-partenaire',
    email: 'partenaire@atn-quebec.test',
    givenName: 'Alex',
    usualName: 'Tremblay',
    password: DEMO_PASSWORD,
    note: 'organisme partenaire atn-quebec : ses formations seulement',
  },
  { sub: 'demo-visiteur', email: 'visiteur@exemple.test', givenName: 'Dominique', usualName: 'Visiteur', password: DEMO_PASSWORD, note: 'aucun accès' },
  {
    sub: 'demo-responsable',
    email: 'responsable@exemple.test',
    givenName: 'Claude',
    usualName: 'Responsable',
    password: DEMO_PASSWORD,
    note: 'responsable d’un agent : indiquez cette adresse comme responsable dans une demande, puis identifiez-vous depuis le lien d’accord pour une décision vérifiée',
  },
];

export const DEV_PROVIDER_ID = 'demo';
const SIGNED_OUT = '/office/api/auth/signed-out';
export const DEV_PROVIDER_LABEL = 'Compte de démonstration';

export interface DevProviderOptions {
  /** 0 (the default) for any free port. */
  port?: number;
  accounts?: DevAccount[];
  /** Origins of the office besides this machine's (any port on localhost and 127.0.0.1 is allowed). */
  officeOrigins?: string[];
  /** The provider id in the office (`/office/api/auth/callback/<id>`). */
  providerId?: string;
}

export interface DevProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: DevAccount[];
  /** The entry of `OIDC_PROVIDERS` that points at it. */
  setting: { id: string; label: string; issuer: string; clientId: string; clientSecret: string };
  close(): Promise<void>;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escape(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 36em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #161616; }
.warning { border-left: 0.3em solid #b34000; background: #fff4f3; padding: 0.5em 1em; }
label { display: block; margin-top: 1em; font-weight: 600; }
input { font: inherit; padding: 0.4em; width: 100%; box-sizing: border-box; border: 1px solid #666; }
button { font: inherit; margin-top: 1.2em; padding: 0.5em 1.2em; background: #000091; color: #fff; border: 0; cursor: pointer; }
button:focus-visible, input:focus-visible { outline: 2px solid #0a76f6; outline-offset: 2px; }
.error { color: #ce0500; font-weight: 600; }
code { background: #eee; padding: 0 0.2em; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function loginPage(uid: string, accounts: DevAccount[], error?: string, login = ''): string {
  const list = accounts
    .map((a) => `<li><code>${escape(a.login ?? a.email)}</code>${a.note ? ` — ${escape(a.note)}` : ''}</li>`)
    .join('\n');
  return page(
    'Connexion — fournisseur d’identité de développement',
    `<h1>Connexion au bureau du campus</h1>
<p class="warning">Fournisseur d’identité <strong>de développement</strong> : il ne sert qu’à essayer le bureau sur cette machine, jamais en production.</p>
<h2>Comptes de démonstration</h2>
<p>Mot de passe de chacun : <code>${escape(DEMO_PASSWORD)}</code>.</p>
<ul>
${list}
</ul>
<h2>Se connecter</h2>
${error ? `<p class="error" id="login-error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" novalidate>
<label for="login">Identifiant (adresse électronique)</label>
<input id="login" name="login" type="text" autocomplete="username" required value="${escape(login)}"${error ? ' aria-describedby="login-error" aria-invalid="true"' : ''} autofocus>
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Se connecter</button>
</form>`,
  );
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 10_000) break;
  }
  return new URLSearchParams(raw);
}

/** The provider's records (sessions, codes, grants) in memory: a development provider keeps nothing. */
class MemoryAdapter {
  static readonly store = new Map<string, { payload: Record<string, unknown>; expires: number }>();

  constructor(private readonly model: string) {}

  private key(id: string) {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
    MemoryAdapter.store.set(this.key(id), { payload, expires: Date.now() + expiresIn * 1000 });
  }

  async find(id: string) {
    const entry = MemoryAdapter.store.get(this.key(id));
    if (!entry || entry.expires < Date.now()) return undefined;
    return entry.payload;
  }

  async findByUid(uid: string) {
    for (const [key, entry] of MemoryAdapter.store) {
      if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid && entry.expires >= Date.now()) return entry.payload;
    }
    return undefined;
  }

  async findByUserCode() {
    return undefined;
  }

  async consume(id: string) {
    const entry = MemoryAdapter.store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string) {
    MemoryAdapter.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string) {
    for (const [key, entry] of MemoryAdapter.store) if (entry.payload.grantId === grantId) MemoryAdapter.store.delete(key);
  }
}

const loopback = (url: URL) => url.protocol === 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname);

export async function startDevProvider(options: DevProviderOptions = {}): Promise<DevProvider> {
  const accounts = options.accounts ?? DEMO_ACCOUNTS;
  const providerId = options.providerId ?? DEV_PROVIDER_ID;
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'campus-office';
  const clientSecret = randomBytes(24).toString('base64url');
  const callbackPath = `/office/api/auth/callback/${providerId}`;
  const others = (options.officeOrigins ?? []).map((o) => new URL(o).origin);
  const allowedOrigin = (value: string, path: string) => {
    try {
      const url = new URL(value);
      return url.pathname === path && !url.search && !url.hash && (loopback(url) || others.includes(url.origin));
    } catch {
      return false;
    }
  };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'dev', use: 'sig', alg: 'RS256' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`http://127.0.0.1${callbackPath}`, ...others.map((o) => o + callbackPath)],
        post_logout_redirect_uris: [`http://127.0.0.1${SIGNED_OUT}`, ...others.map((o) => o + SIGNED_OUT)],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // ProConnect's scopes: each names the claim it gives.
    scopes: ['openid', 'email', 'given_name', 'usual_name'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], given_name: ['given_name'], usual_name: ['usual_name'] },
    pkce: { required: () => true },
    adapter: MemoryAdapter,
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 10 * 3600, Grant: 10 * 3600 },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.find((a) => a.sub === sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: account.email, email_verified: true, given_name: account.givenName, usual_name: account.usualName };
        },
      };
    },
    // First-party: no consent screen, the scopes asked are granted.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const grant = await ctx.oidc.provider.Grant.find(grantId);
        if (grant) return grant;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(String(ctx.oidc.params.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    async renderError(ctx: KoaContextWithOIDC, out: Record<string, string>) {
      ctx.type = 'html';
      ctx.body = page('Erreur', `<h1>Le fournisseur d’identité de développement a refusé la demande</h1><p>${escape(out.error ?? '')} : ${escape(out.error_description ?? '')}</p>`);
    },
  });
  // Any port on this machine is the office in development (vite's, the service's, a test's).
  const client = provider.Client.prototype;
  const redirectAllowed = client.redirectUriAllowed;
  client.redirectUriAllowed = function (this: unknown, value: string) {
    return allowedOrigin(value, callbackPath) || redirectAllowed.call(this, value);
  };
  const logoutAllowed = client.postLogoutRedirectUriAllowed;
  client.postLogoutRedirectUriAllowed = function (this: unknown, value: string) {
    return allowedOrigin(value, SIGNED_OUT) || logoutAllowed.call(this, value);
  };

  const oidc = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!match) return oidc(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.uid !== match[1]) throw new Error('interaction mismatch');
        const send = (status: number, html: string) => {
          res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
          res.end(html);
        };
        if (!match[2]) return send(200, loginPage(details.uid, accounts));
        if (req.method !== 'POST') return send(405, page('Méthode non autorisée', '<h1>Méthode non autorisée</h1>'));
        const form = await formBody(req);
        const login = (form.get('login') ?? '').trim().toLowerCase();
        const account = accounts.find((a) => (a.login ?? a.email).toLowerCase() === login);
        if (!account || form.get('password') !== account.password) {
          return send(200, loginPage(details.uid, accounts, 'Identifiant ou mot de passe incorrect.', login));
        }
        await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
      } catch {
        res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(page('Session expirée', '<h1>Cette connexion a expiré</h1><p>Retournez au bureau et recommencez.</p>'));
      }
    })();
  });

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    setting: { id: providerId, label: DEV_PROVIDER_LABEL, issuer, clientId, clientSecret },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The provider's sign-out page: confirms at once (ProConnect asks nothing), with a button if scripts are off. */
async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const nonce = randomBytes(16).toString('base64');
  ctx.set('Content-Security-Policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:; form-action *`);
  ctx.body = page(
    'Déconnexion',
    `<h1>Déconnexion du fournisseur d’identité de développement</h1>
${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
<p>Vous quittez aussi la session du fournisseur d’identité.</p>
<button type="submit" form="op.logoutForm">Se déconnecter</button>
<script nonce="${nonce}">document.getElementById('op.logoutForm').submit();</script>`,
  );
}
