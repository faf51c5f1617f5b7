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
import type { Capabilities } from '../../src/api/session';
import type { Gate } from '../contract/gate';
import type { Directory, SessionEvent } from '../contract/store-gate';

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
  /** Records a sign-in, a refused one or a sign-out in the backend's activity. */
  recordSession(event: SessionEvent): Promise<void>;
  close(): Promise<void>;
}
