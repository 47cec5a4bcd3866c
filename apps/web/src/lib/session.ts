/**
 * The signed-in session. The access token lives only in memory; the refresh token in localStorage (so a reload
 * keeps you signed in) — neither ever goes into a URL. The access token is refreshed a minute before it expires;
 * tabs of the same browser take turns (Web Locks) and share the result (BroadcastChannel), because a refresh token
 * is single-use: presenting a used one again revokes the whole sign-in.
 */
import { navigate } from './router';

export interface User {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  locale?: string;
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt?: string;
}

const REFRESH_KEY = 'runde.refreshToken';
const REFRESH_BEFORE_MS = 60_000;

export class SessionExpiredError extends Error {
  constructor() {
    super('session expired');
  }
}

type Listener = () => void;

class Session {
  user: User | null = null;
  private accessToken: string | null = null;
  private expiresAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private knownRefresh: string | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly tokenListeners = new Set<Listener>();
  private readonly channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel('runde-session') : null;
  /** True after a refresh failed for a session that had been signed in. */
  expired = false;

  constructor() {
    this.channel?.addEventListener('message', (e: MessageEvent) => {
      const msg = e.data as { type: 'tokens'; accessToken: string; expiresAt: number } | { type: 'signout' };
      if (msg.type === 'signout') {
        this.clear(false);
      } else if (msg.type === 'tokens' && this.user) {
        this.accessToken = msg.accessToken;
        this.expiresAt = msg.expiresAt;
        this.knownRefresh = readRefresh();
        this.schedule();
        for (const l of this.tokenListeners) l();
      }
    });
  }

  get signedIn(): boolean {
    return this.user !== null;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Called after each new access token (the realtime connection forwards it with `auth`). */
  onToken(listener: Listener): () => void {
    this.tokenListeners.add(listener);
    return () => void this.tokenListeners.delete(listener);
  }

  /** On page load: resume a session from the stored refresh token, if any. */
  async restore(): Promise<void> {
    if (!readRefresh()) return;
    try {
      await this.refresh();
      this.user = await this.fetchJson<User>('/api/v1/me');
      this.emit();
    } catch {
      this.clear(false);
    }
  }

  /** After the person changed their profile (name, organisation). */
  setUser(user: User): void {
    if (!this.user) return;
    this.user = user;
    this.emit();
  }

  async login(email: string, password: string): Promise<void> {
    const body = await postJson<TokenPair & { user: User }>('/api/v1/auth/login', { email, password });
    this.adopt(body);
    this.user = body.user;
    this.expired = false;
    this.emit();
  }

  async register(input: {
    email: string;
    password: string;
    displayName: string;
    organisationId?: string;
    invitationToken?: string;
    locale?: string;
  }): Promise<void> {
    const body = await postJson<TokenPair & { user: User }>('/api/v1/auth/register', input);
    this.adopt(body);
    this.user = body.user;
    this.expired = false;
    this.emit();
  }

  /** Single sign-on: trades the callback's one-time code (and, when linking, the account's password) for tokens. */
  async signInWithProvider(
    step: 'session' | 'link',
    body: { code: string; password?: string },
  ): Promise<void> {
    const result = await postJson<TokenPair & { user: User }>(`/api/v1/auth/oidc/${step}`, body);
    this.adopt(result);
    this.user = result.user;
    this.expired = false;
    this.emit();
  }

  /**
   * Ends this sign-in. After a sign-in through the authority's provider, the answer is where the provider's own
   * session ends (RP-initiated logout): the caller sends the browser there, and the provider sends it back to `/`.
   */
  async logout(): Promise<{ providerLogout: string | null }> {
    const refreshToken = readRefresh();
    const ended = refreshToken
      ? await postJson<{ url: string | null }>('/api/v1/auth/oidc/end-session', { refreshToken }).catch(
          () => null,
        )
      : null;
    this.clear(true);
    return { providerLogout: ended?.url ?? null };
  }

  /** Signs out and goes to the sign-in page — by way of the provider's sign-out when the sign-in came from it. */
  async signOut(): Promise<void> {
    const { providerLogout } = await this.logout();
    if (providerLogout) location.assign(providerLogout);
    else navigate('/login', true);
  }

  /** A valid access token, refreshed first when it is about to run out. */
  async token(): Promise<string> {
    if (!this.accessToken || Date.now() > this.expiresAt - 30_000) await this.refresh();
    if (!this.accessToken) throw new SessionExpiredError();
    return this.accessToken;
  }

  /** Rotates the refresh token; one at a time per browser. */
  refresh(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.withLock(() => this.doRefresh()).finally(() => (this.inFlight = null));
    }
    return this.inFlight;
  }

  private async doRefresh(): Promise<void> {
    const stored = readRefresh();
    if (!stored) throw new SessionExpiredError();
    // Another tab rotated while we waited for the lock and told us the new access token: nothing to do.
    if (stored !== this.knownRefresh && this.accessToken && Date.now() < this.expiresAt - REFRESH_BEFORE_MS) {
      this.knownRefresh = stored;
      return;
    }
    try {
      const pair = await postJson<TokenPair>('/api/v1/auth/refresh', { refreshToken: stored });
      this.adopt(pair);
      this.channel?.postMessage({ type: 'tokens', accessToken: this.accessToken, expiresAt: this.expiresAt });
    } catch (error) {
      if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
        const wasSignedIn = this.signedIn;
        this.clear(false);
        this.expired = wasSignedIn;
        this.emit();
        throw new SessionExpiredError();
      }
      throw error;
    }
  }

  private async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (!locks) return fn();
    return locks.request('runde-refresh', () => fn()) as Promise<T>;
  }

  private adopt(pair: TokenPair): void {
    this.accessToken = pair.accessToken;
    this.expiresAt = pair.accessTokenExpiresAt
      ? Date.parse(pair.accessTokenExpiresAt)
      : expiryOf(pair.accessToken);
    writeRefresh(pair.refreshToken);
    this.knownRefresh = pair.refreshToken;
    this.schedule();
    for (const l of this.tokenListeners) l();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const wait = Math.max(5_000, this.expiresAt - Date.now() - REFRESH_BEFORE_MS);
    this.timer = setTimeout(() => void this.refresh().catch(() => undefined), wait);
  }

  private clear(broadcast: boolean): void {
    clearTimeout(this.timer);
    this.user = null;
    this.accessToken = null;
    this.expiresAt = 0;
    this.knownRefresh = null;
    writeRefresh(null);
    if (broadcast) this.channel?.postMessage({ type: 'signout' });
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  private async fetchJson<T>(path: string): Promise<T> {
    const res = await fetch(path, { headers: { Authorization: `Bearer ${this.accessToken}` } });
    if (!res.ok) throw await HttpError.from(res);
    return (await res.json()) as T;
  }
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
    /** The api's precise rule for a refusal (beyond the contract), e.g. LAST_OWNER */
    readonly reason?: string,
  ) {
    super(message);
  }

  static async from(res: Response): Promise<HttpError> {
    let body: {
      code?: string;
      message?: string;
      details?: unknown;
      retryAfterSeconds?: number;
      reason?: string;
    } = {};
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // not JSON
    }
    return new HttpError(
      res.status,
      body.code ?? `HTTP_${res.status}`,
      body.message ?? res.statusText,
      body.details,
      body.retryAfterSeconds,
      body.reason,
    );
  }
}

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await HttpError.from(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

function expiryOf(jwt: string): number {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: number;
    };
    return payload.exp ? payload.exp * 1000 : Date.now() + 5 * 60_000;
  } catch {
    return Date.now() + 5 * 60_000;
  }
}

function readRefresh(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

function writeRefresh(token: string | null): void {
  try {
    if (token) localStorage.setItem(REFRESH_KEY, token);
    else localStorage.removeItem(REFRESH_KEY);
  } catch {
    // storage blocked: the session lasts as long as the page
  }
}

export const session = new Session();
