/**
 * The gate of the console's server: operators sign in with a user name and password
 * (`POST /session`), and their sessions live in the store, so that every server on one
 * database knows them and a restart signs nobody out. The browser holds only an HttpOnly
 * cookie with the session's id, and sends the session's CSRF token with every change.
 *
 * A wrong password five times in a minute for one user name is slowed down: the next tries
 * are refused (429, `Retry-After`) without checking, until the minute has passed. Every
 * sign-in, refusal and sign-out is handed to `record` for the activity.
 */
import { CustomerRef } from '../../src/api/customers';
import { Permission, ROLE_PERMISSIONS, roleCannot, type Role } from '../../src/api/permissions';
import {
  CSRF_HEADER,
  SESSION_EXPIRED,
  SIGN_IN_FAILED,
  SIGN_IN_REQUIRED,
  UNAUTHENTICATED,
  type Capabilities,
  type Session,
  type SignIn,
} from '../../src/api/session';
import { tokenActorName } from '../../src/api/tokens';
import type { SessionRecord, Store } from '../ports/store';
import type { Actor, Gate, WithHeaders } from './gate';
import type { Sealer } from './seal';
import { RefusedError } from './refusal';

/** Who may sign in: a backend's operators (the built-in fleet's, or an identity provider's). */
export interface Directory {
  /** The operator a user name and password name, or undefined. */
  verify(username: string, password: string): Promise<DirectoryEntry | undefined>;
  /** The operator of a user name, to name them in the activity when their password is wrong. */
  find(username: string): Promise<DirectoryEntry | undefined>;
}

export interface DirectoryEntry {
  operator: { id: string; name: string };
  role: Role;
  /** What they may do, where the directory says exactly (hawkBit); else the role's. */
  permissions?: Permission[];
  /** The one customer the role is limited to; absent: every customer. */
  customer?: CustomerRef;
  /** What the backend needs to act as them (a password, tokens): sealed in the session. */
  secret?: Record<string, unknown>;
}

/** What the activity records of signing in and out, of API tokens and of webhooks. */
export type SessionEvent =
  | { step: 'signed-in' | 'signed-out'; actor: Actor; at: number }
  | { step: 'refused'; actor: Actor; at: number; code: string; message: string }
  | {
      step: 'token-created' | 'token-revoked' | 'webhook-added' | 'webhook-removed';
      actor: Actor;
      at: number;
      /** Which token or webhook, in words: `API token “Nightly report”`. */
      subject: string;
      /** What was done, in words. */
      detail: string;
    };

/** A session event as the fleet's operation log and the activity keep it. */
export function sessionOperation(event: SessionEvent) {
  return {
    kind: 'session' as const,
    at: event.at,
    actor: event.actor,
    step: event.step,
    ...(event.step === 'refused' ? { code: event.code, message: event.message } : {}),
    ...('subject' in event ? { subject: event.subject, detail: event.detail } : {}),
  };
}

export interface StoreGateOptions {
  store: Store;
  directory: Directory;
  capabilities: Capabilities;
  /** Hands a sign-in, refusal or sign-out to the activity. */
  record: (event: SessionEvent) => Promise<void>;
  now?: () => number;
  /** Cookies only over HTTPS (`Secure`): true behind TLS. */
  secureCookies?: boolean;
  /** How long a session lasts without a request, in ms (8 hours). */
  idleMs?: number;
  /** Seals a directory entry's `secret` before it is stored (needed when entries have one). */
  sealer?: Sealer;
  /**
   * Operators sign in elsewhere (an identity provider, server/adapters/oidc): no `POST
   * /session`, and a call without a session answers 401 `unauthenticated` or
   * `session_expired` rather than `sign_in_required` (which asks for a password).
   */
  signInElsewhere?: boolean;
  /**
   * Called with each session found before it is used: answers it as it is, renewed (its
   * tokens refreshed, already stored), or undefined when it cannot go on (it then ends).
   */
  renew?: (session: SessionRecord, at: number) => Promise<SessionRecord | undefined>;
  /**
   * API tokens are served (`Authorization: Bearer` then names one); elsewhere a bearer header
   * is not this gate's to read, and the session cookie decides.
   */
  acceptTokens?: boolean;
  /** Where the browser goes after signing out (the provider's sign-out page), or null. */
  signOutNext?: (session: SessionRecord) => Promise<string | null>;
  /**
   * What the backend calls with for a session signed in elsewhere (the provider's access
   * token, as `{ bearer }`); otherwise what the directory sealed in it.
   */
  credentialsOf?: (session: SessionRecord) => Promise<Record<string, unknown> | undefined>;
}

/** The store gate, and how a sign-in made elsewhere (an identity provider) opens a session. */
export interface StoreGate extends Gate {
  /** Opens a new session (a new id) for `entry`, records the sign-in and sets the cookie. */
  begin(
    entry: DirectoryEntry,
    username: string,
    data: Record<string, unknown>,
  ): Promise<WithHeaders<Session>>;
}

export const SESSION_COOKIE = 'fuc_session';
export const SIGN_IN_ATTEMPTS = 5;
export const SIGN_IN_WINDOW_MS = 60_000;
const IDLE_MS = 8 * 60 * 60_000;

/** A random token: 32 bytes, base64url. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The hex SHA-256 of an API token's secret: all the store keeps of it. */
export async function tokenHash(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The API token of a request (`Authorization: Bearer …`), if it carries one. */
function bearerOf(request: Request): string | undefined {
  const header = request.headers.get('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

/** An API token's use is noted at most once a minute. */
const TOKEN_USE_EVERY_MS = 60_000;

/** The session id in the request's cookie, if any. */
function sessionId(request: Request): string | undefined {
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

export function storeGate(options: StoreGateOptions): StoreGate {
  const { store, directory, capabilities, record } = options;
  const now = options.now ?? (() => Date.now());
  const idleMs = options.idleMs ?? IDLE_MS;
  const iso = (at: number) => new Date(at).toISOString();

  function cookie(value: string, maxAgeSeconds: number): Record<string, string> {
    const secure = options.secureCookies ? '; Secure' : '';
    return {
      'Set-Cookie': `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`,
      'Cache-Control': 'no-store',
    };
  }

  const elsewhere = options.signInElsewhere ?? false;
  const ended = () =>
    new RefusedError(
      401,
      elsewhere ? SESSION_EXPIRED : SIGN_IN_REQUIRED,
      'Your session has ended. Sign in again to continue.',
    );

  /** A call with an API token, as a session of its own: no cookie, no CSRF, the token's role. */
  async function fromToken(secret: string): Promise<SessionRecord> {
    const at = now();
    const found = await store.tokens.byHash(await tokenHash(secret));
    const where = 'Create a new one under Settings → API tokens.';
    if (!found) {
      throw new RefusedError(
        401,
        'token_invalid',
        `This API token is not known here: check that it was copied whole. ${where}`,
      );
    }
    if (found.revokedAt) {
      throw new RefusedError(
        401,
        'token_revoked',
        `The API token “${found.name}” was revoked at ${found.revokedAt}${found.revokedBy ? ` by ${found.revokedBy.name}` : ''}. ${where}`,
      );
    }
    if (Date.parse(found.expiresAt) <= at) {
      throw new RefusedError(
        401,
        'token_expired',
        `The API token “${found.name}” expired at ${found.expiresAt}. ${where}`,
      );
    }
    if (!found.lastUsedAt || at - Date.parse(found.lastUsedAt) >= TOKEN_USE_EVERY_MS) {
      await store.tokens.used(found.id, iso(at));
    }
    return {
      id: `token:${found.id}`,
      csrfToken: '',
      operator: {
        id: `token:${found.id}`,
        name: tokenActorName(found.name, found.createdBy.name),
        username: found.name,
      },
      role: found.role,
      createdAt: found.createdAt,
      expiresAt: found.expiresAt,
      data: { bearer: true, ...(found.customer ? { customer: found.customer } : {}) },
    };
  }

  /**
   * The request's session, looked up (and renewed) once however often the request is asked
   * about: who calls, whether they may, what the backend calls with.
   */
  const looked = new WeakMap<Request, Promise<SessionRecord>>();
  function current(request: Request): Promise<SessionRecord> {
    let found = looked.get(request);
    if (!found) {
      found = lookUp(request);
      looked.set(request, found);
    }
    return found;
  }

  async function lookUp(request: Request): Promise<SessionRecord> {
    const bearer = options.acceptTokens ? bearerOf(request) : undefined;
    if (bearer) return fromToken(bearer);
    const id = sessionId(request);
    if (!id) {
      throw new RefusedError(
        401,
        elsewhere ? UNAUTHENTICATED : SIGN_IN_REQUIRED,
        'Sign in to use the console.',
      );
    }
    const at = now();
    let found = await store.sessions.find(id, iso(at));
    if (!found) throw ended();
    if (options.renew) {
      found = await options.renew(found, at);
      if (!found) {
        await store.sessions.remove(id);
        throw ended();
      }
    }
    // Sliding expiry, written at most every few minutes rather than at every request.
    if (Date.parse(found.expiresAt) - at < idleMs - 5 * 60_000) {
      await store.sessions.extend(id, iso(at + idleMs));
    }
    return found;
  }

  async function sealSecret(secret: Record<string, unknown>): Promise<string> {
    if (!options.sealer) {
      throw new Error('A directory that keeps secrets needs a sealer (--session-secret).');
    }
    return options.sealer.seal(secret);
  }

  /** The customer a session's role is limited to, kept with it at sign-in. */
  const customerOf = (session: SessionRecord): CustomerRef | undefined => {
    const kept = CustomerRef.safeParse(session.data.customer);
    return kept.success ? kept.data : undefined;
  };

  const actorOf = (session: SessionRecord): Actor => {
    const customer = customerOf(session);
    return {
      id: session.operator.id,
      name: session.operator.name,
      role: session.role,
      ...(customer ? { customer } : {}),
    };
  };

  /** The session's own permissions where the directory gave them, else its role's. */
  const permissionsOf = (session: SessionRecord): Permission[] => {
    const given = session.data.permissions;
    return Array.isArray(given)
      ? Permission.options.filter((permission) => given.includes(permission))
      : [...ROLE_PERMISSIONS[session.role]];
  };

  const sessionOf = (session: SessionRecord): Session => ({
    operator: { id: session.operator.id, name: session.operator.name },
    role: session.role,
    permissions: permissionsOf(session),
    csrfToken: session.data.bearer === true ? null : session.csrfToken,
    capabilities,
    customer: customerOf(session) ?? null,
  });

  async function begin(
    found: DirectoryEntry,
    username: string,
    data: Record<string, unknown>,
  ): Promise<WithHeaders<Session>> {
    const at = now();
    const session: SessionRecord = {
      id: randomToken(),
      csrfToken: randomToken(),
      operator: { ...found.operator, username },
      role: found.role,
      createdAt: iso(at),
      expiresAt: iso(at + idleMs),
      data: {
        ...data,
        ...(found.permissions ? { permissions: found.permissions } : {}),
        ...(found.customer ? { customer: found.customer } : {}),
        ...(found.secret ? { sealed: await sealSecret(found.secret) } : {}),
      },
    };
    await store.sessions.create(session);
    // Ended sessions are forgotten as new ones begin: the table holds live ones only.
    await store.sessions.removeExpired(iso(at));
    await record({ step: 'signed-in', at, actor: actorOf(session) });
    return { value: sessionOf(session), headers: cookie(session.id, idleMs / 1000) };
  }

  const gate: StoreGate = {
    begin,

    async authenticate(request) {
      return actorOf(await current(request));
    },

    async admit(request, actor, permission: Permission | undefined) {
      const read = request.method === 'GET' || request.method === 'HEAD';
      if (!read || permission) {
        const session = await current(request);
        // A token is sent by a program, never by a browser on its own: no CSRF to fear.
        const bearer = session.data.bearer === true;
        if (!read && !bearer && request.headers.get(CSRF_HEADER) !== session.csrfToken) {
          throw new RefusedError(
            403,
            'csrf_failed',
            `The request did not carry this session's ${CSRF_HEADER} header, so it was refused. Reload the page and try again.`,
          );
        }
        if (permission && !permissionsOf(session).includes(permission)) {
          throw new RefusedError(
            403,
            'forbidden',
            `${roleCannot(actor.role, permission)} Ask an administrator.`,
          );
        }
      }
    },

    async credentials(request) {
      const session = await current(request);
      if (options.credentialsOf && session.data.bearer !== true) {
        return options.credentialsOf(session);
      }
      const sealed = session.data.sealed;
      if (typeof sealed !== 'string' || !options.sealer) return undefined;
      return (await options.sealer.open(sealed)) as Record<string, unknown>;
    },

    async session(request) {
      return sessionOf(await current(request));
    },

    async signIn(_request: Request, credentials: SignIn) {
      const at = now();
      const username = credentials.username.trim().toLowerCase();
      const since = iso(at - SIGN_IN_WINDOW_MS);
      const refuse = async (error: RefusedError) => {
        const known = await directory.find(username);
        await record({
          step: 'refused',
          at,
          code: error.code,
          message: error.message,
          // Someone the directory does not know is named by what they typed (at most 64 characters).
          actor: known
            ? { ...known.operator, role: known.role }
            : { id: `user:${username}`, name: `“${username}” (unknown)`, role: 'viewer' },
        });
        return error;
      };
      if ((await store.signIns.refusedSince(username, since)) >= SIGN_IN_ATTEMPTS) {
        throw await refuse(
          new RefusedError(
            429,
            'too_many_attempts',
            `Too many wrong passwords for “${credentials.username}” in the last minute. Wait a minute, then try again.`,
            { 'Retry-After': String(SIGN_IN_WINDOW_MS / 1000) },
          ),
        );
      }
      const found = await directory.verify(username, credentials.password);
      if (!found) {
        await store.signIns.refused(username, iso(at));
        throw await refuse(
          new RefusedError(
            401,
            SIGN_IN_FAILED,
            'That user name and password do not match. Check both (capital letters count in the password) and try again.',
          ),
        );
      }
      return begin(found, username, {});
    },

    async signOut(request) {
      // A token is revoked under Settings, not signed out.
      if (options.acceptTokens && bearerOf(request)) return { value: { next: null }, headers: {} };
      const id = sessionId(request);
      const at = now();
      const found = id ? await store.sessions.find(id, iso(at)) : undefined;
      const next = found && options.signOutNext ? await options.signOutNext(found) : null;
      if (id) await store.sessions.remove(id);
      if (found) await record({ step: 'signed-out', at, actor: actorOf(found) });
      return { value: { next }, headers: cookie('', 0) };
    },
  };
  if (elsewhere) delete gate.signIn;
  return gate;
}
