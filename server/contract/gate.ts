/**
 * The gate: who calls, and whether they may. The contract layer asks it about every request
 * before a backend sees it; each way of signing in is one implementation — the built-in
 * fleet's simulated operator (mocks/fleet/sessions.ts), sessions kept in the server's store
 * with a user name and password (store-gate.ts), and next an identity provider.
 */
import type { CustomerRef } from '../../src/api/customers';
import type { Permission, Role } from '../../src/api/permissions';
import type { Session, SignedOut, SignIn } from '../../src/api/session';

/** Who asked for a change: recorded with it in the activity. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  /**
   * The one customer their role is limited to: the backend answers with that customer's
   * devices, sites, servers, rollouts and activity only. Absent: every customer.
   */
  customer?: CustomerRef;
}

/** An answer with headers the gate sets (a session cookie). */
export interface WithHeaders<T> {
  value: T;
  headers: Record<string, string>;
}

export interface Gate {
  /** Who calls; refuses (RefusedError 401) a request without a valid session, before its input is read. */
  authenticate: (request: Request) => Promise<Actor>;
  /**
   * Refuses (RefusedError 403) a change without the session's CSRF header (cookie mode), or
   * without the `permission` it needs.
   */
  admit: (request: Request, actor: Actor, permission: Permission | undefined) => Promise<void>;
  /**
   * What the backend needs to act as the caller (their hawkBit credentials), opened from the
   * session; undefined where the backend needs nothing. Never sent to the page.
   */
  credentials?: (request: Request) => Promise<Record<string, unknown> | undefined>;
  /** `GET /session`. */
  session: (request: Request) => Promise<Session>;
  /** `POST /session`; absent where operators do not sign in to the console itself. */
  signIn?: (request: Request, credentials: SignIn) => Promise<WithHeaders<Session>>;
  /** `DELETE /session`. */
  signOut?: (request: Request) => Promise<WithHeaders<SignedOut>>;
}
