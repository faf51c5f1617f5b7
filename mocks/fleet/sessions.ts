import {
  ROLE_PERMISSIONS,
  roleCannot,
  type Permission,
  type Role,
} from '../../src/api/permissions';
import {
  ALL_CAPABILITIES,
  CSRF_HEADER,
  SESSION_EXPIRED,
  UNAUTHENTICATED,
  type Operator,
  type Session,
} from '../../src/api/session';
import type { Actor, Gate } from '../../server/contract/gate';
import type { CustomerRef } from '../../src/api/customers';
import { fleetCustomer } from './customers';
import { RefusedError } from './refusal';

/** How the console proves who it is: a session cookie with a CSRF header, or a bearer token. */
export type AuthMode = 'cookie' | 'bearer';

/** The operators of every scenario, one per role. */
export const OPERATORS: Record<Role, Operator> = {
  viewer: { id: 'op-ines', name: 'Ines Berg' },
  operator: { id: 'op-omar', name: 'Omar Haddad' },
  administrator: { id: 'op-ada', name: 'Ada Novak' },
};

export interface SessionOptions {
  role?: Role;
  /** The one customer the role is limited to, by id (see customers.ts); absent: every customer. */
  customer?: string;
  auth?: AuthMode;
}

/**
 * Who calls the built-in fleet, and whether they may. One operator (the `role` chosen when the
 * fleet starts) signs in; in cookie mode the session's CSRF token must come with every change,
 * in bearer mode any token the portal hands out is accepted until the session is expired,
 * which revokes every token the session was used with. A test expires the session (`expire`); signing in again
 * (`renew`) starts a new one. Nothing here is stored: a reload signs in afresh.
 */
export class SessionDesk implements Gate {
  readonly role: Role;
  readonly customer: CustomerRef | undefined;
  readonly auth: AuthMode;
  private expired = false;
  private csrfToken: string;
  private sequence = 0;
  private readonly revoked = new Set<string>();
  /** The tokens this session has been used with: ending it revokes them all. */
  private readonly tokens = new Set<string>();

  constructor(options: SessionOptions = {}) {
    this.role = options.role ?? 'administrator';
    this.customer = options.customer === undefined ? undefined : fleetCustomer(options.customer);
    if (options.customer !== undefined && !this.customer) {
      throw new Error(`There is no customer "${options.customer}" in the built-in fleet.`);
    }
    this.auth = options.auth ?? 'cookie';
    this.csrfToken = this.newToken();
  }

  private newToken(): string {
    this.sequence += 1;
    const random = Math.random().toString(36).slice(2, 10);
    return `csrf-${this.sequence}-${random}`;
  }

  get actor(): Actor {
    return {
      ...OPERATORS[this.role],
      role: this.role,
      ...(this.customer ? { customer: this.customer } : {}),
    };
  }

  private bearer(request: Request): string | null {
    const header = request.headers.get('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ?? null;
  }

  /** Refuses (401) a request without a valid session or token: before its input is read. */
  async authenticate(request: Request): Promise<Actor> {
    this.check(request);
    return Promise.resolve(this.actor);
  }

  private check(request: Request): void {
    const ended = () =>
      new RefusedError(401, SESSION_EXPIRED, 'Your session has ended. Sign in again to continue.');
    if (this.auth === 'bearer') {
      const token = this.bearer(request);
      if (token === null) {
        throw new RefusedError(401, UNAUTHENTICATED, 'Sign in to use the console.');
      }
      if (this.revoked.has(token)) throw ended();
      this.tokens.add(token);
      return;
    }
    if (this.expired) throw ended();
  }

  /**
   * Admits a request or refuses it: for anything but a read, 403 without the CSRF header
   * (cookie mode); 403 without the `permission` a change needs.
   */
  async admit(request: Request, _actor: Actor, permission: Permission | undefined): Promise<void> {
    this.checkChange(request, permission);
    return Promise.resolve();
  }

  private checkChange(request: Request, permission: Permission | undefined): void {
    this.check(request);
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (!read && this.auth === 'cookie' && request.headers.get(CSRF_HEADER) !== this.csrfToken) {
      throw new RefusedError(
        403,
        'csrf_failed',
        `The request did not carry this session's ${CSRF_HEADER} header, so it was refused. Reload the page and try again.`,
      );
    }
    if (permission && !ROLE_PERMISSIONS[this.role].includes(permission)) {
      throw new RefusedError(
        403,
        'forbidden',
        `${roleCannot(this.role, permission)} Ask an administrator.`,
      );
    }
  }

  async session(request: Request): Promise<Session> {
    this.check(request);
    return Promise.resolve({
      operator: OPERATORS[this.role],
      role: this.role,
      permissions: [...ROLE_PERMISSIONS[this.role]],
      csrfToken: this.auth === 'cookie' ? this.csrfToken : null,
      capabilities: ALL_CAPABILITIES,
      customer: this.customer ?? null,
    });
  }

  /** Ends the session now, as a time-out or a sign-out elsewhere would. */
  expire(): void {
    this.expired = true;
    for (const token of this.tokens) this.revoked.add(token);
    this.tokens.clear();
    this.csrfToken = this.newToken();
  }

  /** Signs the same operator in again (cookie mode), with a new CSRF token. */
  renew(): void {
    this.expired = false;
    this.csrfToken = this.newToken();
  }
}
