/**
 * The office's side of OpenID Connect (openid-client): the authorization code
 * flow with PKCE, `state` and `nonce`, as a confidential client of each
 * provider of `OIDC_PROVIDERS`. The provider's metadata is discovered on first
 * use and kept; a failed discovery is retried on the next sign-in.
 */
import * as client from 'openid-client';
import { isLoopbackHost, type OidcProviderSetting } from '../config.js';

export const DEFAULT_SCOPES = 'openid email given_name usual_name';

/** What the office keeps of an identity: who it is, and how to reach and greet them. */
export interface Identity {
  issuer: string;
  subject: string;
  email: string;
  /** Given name and usual name, as the provider sent them. */
  name: string;
  idToken?: string;
}

export class SignInError extends Error {
  constructor(
    readonly code: 'provider_unreachable' | 'rejected' | 'no_email',
    message: string,
  ) {
    super(message);
  }
}

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class OidcProvider {
  #config?: Promise<client.Configuration>;

  constructor(readonly setting: OidcProviderSetting) {}

  get id(): string {
    return this.setting.id;
  }

  get label(): string {
    return this.setting.label;
  }

  /** The provider's metadata and this client, discovered once (again after a failure). */
  configuration(): Promise<client.Configuration> {
    const s = this.setting;
    this.#config ??= (async () => {
      const issuer = new URL(s.issuer);
      const auth = s.tokenEndpointAuthMethod === 'client_secret_post' ? client.ClientSecretPost(s.clientSecret) : client.ClientSecretBasic(s.clientSecret);
      const metadata: Partial<client.ClientMetadata> = {
        client_secret: s.clientSecret,
        ...(s.userinfoSignedResponseAlg ? { userinfo_signed_response_alg: s.userinfoSignedResponseAlg } : {}),
        ...(s.idTokenSignedResponseAlg ? { id_token_signed_response_alg: s.idTokenSignedResponseAlg } : {}),
      };
      // Plain http only for a provider on this machine (the development provider); config.ts refuses it elsewhere.
      const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
      return client.discovery(issuer, s.clientId, metadata, auth, { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) });
    })();
    this.#config.catch(() => {
      this.#config = undefined;
    });
    return this.#config;
  }

  private async config(): Promise<client.Configuration> {
    try {
      return await this.configuration();
    } catch {
      throw new SignInError('provider_unreachable', `The provider ${this.id} could not be reached.`);
    }
  }

  async start(redirectUri: string): Promise<AuthorizationStart> {
    const config = await this.config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.setting.scopes ?? DEFAULT_SCOPES,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(this.setting.acrValues ? { acr_values: this.setting.acrValues } : {}),
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code of the provider's answer (`callbackUrl`) and reads who signed in. */
  async finish(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Identity> {
    const config = await this.config();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new SignInError('rejected', `The provider's answer was refused: ${error instanceof Error ? error.name : 'error'}.`);
    }
    const claims = tokens.claims();
    if (!claims) throw new SignInError('rejected', 'No ID token.');
    let info: Record<string, unknown> = {};
    try {
      // ProConnect sends the identity in the UserInfo answer, not in the ID token.
      info = (await client.fetchUserInfo(config, tokens.access_token, claims.sub)) as Record<string, unknown>;
    } catch {
      info = {};
    }
    const claim = (name: string): string | undefined => {
      const v = info[name] ?? claims[name];
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    const email = claim('email');
    if (!email || (info.email_verified ?? claims.email_verified) === false) throw new SignInError('no_email', 'The provider gave no verified e-mail address.');
    const name = [claim('given_name'), claim('usual_name') ?? claim('family_name')].filter(Boolean).join(' ');
    return { issuer: String(claims.iss), subject: claims.sub, email, name: name || email, idToken: tokens.id_token };
  }

  /** Where to send the browser so that the provider ends its own session too. */
  async endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string | undefined> {
    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch {
      return undefined;
    }
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client
      .buildEndSessionUrl(config, {
        post_logout_redirect_uri: postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : { client_id: this.setting.clientId }),
        state: client.randomState(),
      })
      .toString();
  }
}
