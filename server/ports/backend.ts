/**
 * The backend port: what the console's server needs of the system that holds the fleet. The
 * contract layer (server/contract) does what every backend needs — validation, the error
 * shape, sessions and CSRF, permissions, idempotency keys — and calls a backend only with a
 * request that passed it. Adapters: the built-in fleet (server/adapters/fleet-backend),
 * Eclipse hawkBit (server/adapters/hawkbit), and a vendor backend that implements the whole
 * contract itself behind the provider's sign-in (server/adapters/vendor-api; without a
 * provider, `npm run serve -- --api URL` passes calls to it untouched).
 */
import type { HttpHandler } from 'msw';
import type { Permission, Role } from '../../src/api/permissions';
import type { CustomerRef } from '../../src/api/customers';
import type { Notification } from '../../src/api/notifications';
import type { Capabilities } from '../../src/api/session';
import type { Gate } from '../contract/gate';
import type { Directory, SessionEvent } from '../contract/store-gate';

/**
 * What a backend that checks the identity provider's tokens itself (hawkBit on the same
 * provider) lets a person do, asked with their access token at sign-in; a RefusedError (403)
 * says why not. Where a backend says, its answer — not the role claim — gives the role and
 * permissions.
 */
export type BackendAccess = (credentials: {
  username: string;
  bearer: string;
}) => Promise<{ role: Role; permissions: Permission[] }>;

/** One notification, whoever reads it. */
export type BackendEvent = Omit<Notification, 'read' | 'due'>;

export interface Backend {
  /** For logs and the start-up line: "the built-in fleet (demo)". */
  readonly description: string;
  /** The areas it serves, for the session (an area it lacks leaves the console's navigation). */
  readonly capabilities: Capabilities;
  /** Who may sign in, when operators sign in to the console itself. */
  readonly directory: Directory;
  /**
   * The contract's endpoints it serves under `apiRoot`, each through the contract layer's
   * `route` with `gate`; a path it does not serve answers 404 in the error shape.
   */
  handlers(apiRoot: string, gate: () => Gate): HttpHandler[];
  /**
   * Runs one request's `work`: a backend that keeps state in the store reads what other
   * servers did first and keeps what the request changed after; a `change` runs as the only
   * writer across servers.
   */
  around<T>(change: boolean, work: () => Promise<T>): Promise<T>;
  /**
   * For a backend that checks the identity provider's tokens itself (hawkBit configured for
   * the same provider): what the person with this access token may do, asked at sign-in; a
   * RefusedError (403) says why they may do nothing. Absent: the role claim decides.
   */
  accessOf?: BackendAccess;
  /**
   * The customers the backend's devices, sites and servers belong to, where it knows them: a
   * role grant's id (`operator:nordic`) is named by them, and an API token may be limited to
   * one. Absent: a grant's id stands for its name, and tokens are for every customer.
   */
  customers?: readonly CustomerRef[];
  /**
   * What the backend notifies now, as an administrator of every customer would be told
   * (approvals waiting and decided, rollouts halted or finished, holds ending): the webhooks'
   * events. Absent: the backend notifies nothing, and webhooks get only their tests.
   */
  events?(): Promise<BackendEvent[]>;
  /** Records a sign-in, a refused one or a sign-out in the backend's activity. */
  recordSession(event: SessionEvent): Promise<void>;
  close(): Promise<void>;
}
