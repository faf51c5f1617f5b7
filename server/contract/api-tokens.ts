/**
 * API tokens for automation, served by the console's server whatever its backend serves the
 * rest with (they are the server's own, like its sessions): administrators list, create and
 * revoke them; the secret is made here, answered once and kept only as its SHA-256 hash; the
 * gate (store-gate.ts) takes it as `Authorization: Bearer`. Each creation and revocation is
 * in the activity, with who did it.
 */
import type { HttpHandler } from 'msw';
import { grantLabel, type CustomerRef } from '../../src/api/customers';
import { ROLE_LABELS, type Role } from '../../src/api/permissions';
import { TOKEN_MAX_DAYS, TOKEN_PREFIX, tokenEndpoints, type ApiToken } from '../../src/api/tokens';
import type { Store, TokenRecord } from '../ports/store';
import type { Actor, Gate } from './gate';
import { admittedRoute } from './admitted';
import { RefusedError } from './route';
import { randomToken, tokenHash, type SessionEvent } from './store-gate';

const DAY_MS = 24 * 60 * 60_000;
const RANK: Record<Role, number> = { viewer: 0, operator: 1, administrator: 2 };

export interface TokenHandlerOptions {
  apiRoot: string;
  gate: () => Gate;
  store: Store;
  /** The backend's customers, one of which a token may be limited to. */
  customers: readonly CustomerRef[];
  record: (event: SessionEvent) => Promise<void>;
  now: () => number;
}

/** A token as the contract shows it: never its hash. */
function shown(token: TokenRecord): ApiToken {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    customer: token.customer,
    hint: token.hint,
    createdAt: token.createdAt,
    createdBy: token.createdBy,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    revokedBy: token.revokedBy,
  };
}

export function tokenHandlers(options: TokenHandlerOptions): HttpHandler[] {
  const { apiRoot, gate, store, customers, record, now } = options;
  const iso = (at: number) => new Date(at).toISOString();
  /** Whether a token is within the actor's scope: an administrator of one customer sees its tokens only. */
  const within = (actor: Actor, token: TokenRecord) =>
    !actor.customer || token.customer?.id === actor.customer.id;

  /** The customer a new token is limited to: asked for, or the creator's own scope. */
  const scopeOf = (actor: Actor, asked: string | null | undefined): CustomerRef | null => {
    if (asked === undefined) return actor.customer ?? null;
    if (actor.customer) {
      if (asked === actor.customer.id) return actor.customer;
      throw new RefusedError(
        403,
        'forbidden',
        `You administer ${actor.customer.name} only: a token you create acts for ${actor.customer.name} only. Choose ${actor.customer.name} as its scope.`,
      );
    }
    if (asked === null) return null;
    const customer = customers.find((known) => known.id === asked);
    if (customer) return customer;
    throw new RefusedError(
      400,
      'validation_failed',
      customers.length
        ? `There is no customer “${asked}” here. Choose every customer or one of ${customers.map((known) => `${known.name} (${known.id})`).join(', ')}.`
        : `This backend has no customers: leave the scope at every customer.`,
    );
  };

  const admitted = admittedRoute(apiRoot, gate);

  return [
    admitted(tokenEndpoints.list, async ({ actor }) => ({
      items: (await store.tokens.list()).filter((token) => within(actor, token)).map(shown),
      customers: actor.customer ? [actor.customer] : [...customers],
    })),

    admitted(tokenEndpoints.create, async ({ body, actor }) => {
      const at = now();
      const expires = Date.parse(body.expiresAt);
      const latest = at + TOKEN_MAX_DAYS * DAY_MS;
      if (!(expires > at) || expires > latest + 60_000) {
        throw new RefusedError(
          400,
          'validation_failed',
          `Choose an expiry in the future and at most ${TOKEN_MAX_DAYS} days ahead (until ${iso(latest).slice(0, 10)}).`,
        );
      }
      if (RANK[body.role] > RANK[actor.role]) {
        throw new RefusedError(
          403,
          'forbidden',
          `A token may not act with more than your own role (${ROLE_LABELS[actor.role]}). Choose ${ROLE_LABELS[actor.role]} or less.`,
        );
      }
      const customer = scopeOf(actor, body.customer);
      const secret = `${TOKEN_PREFIX}${randomToken()}`;
      const token: TokenRecord = {
        id: `tok-${randomToken().slice(0, 16)}`,
        name: body.name,
        role: body.role,
        customer,
        hash: await tokenHash(secret),
        hint: `${secret.slice(0, TOKEN_PREFIX.length + 4)}…`,
        createdBy: { id: actor.id, name: actor.name },
        createdAt: iso(at),
        expiresAt: iso(expires),
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
      };
      await store.tokens.create(token);
      await record({
        step: 'token-created',
        at,
        actor,
        subject: `API token “${token.name}”`,
        detail: `Created the API token “${token.name}” (${grantLabel(token.role, token.customer)}), valid until ${token.expiresAt}.`,
      });
      return { token: shown(token), secret };
    }),

    admitted(tokenEndpoints.revoke, async ({ params, actor }) => {
      const at = now();
      const missing = () =>
        new RefusedError(404, 'not_found', 'There is no such API token. Reload the list.');
      if (actor.customer) {
        const known = await store.tokens.byId(params.tokenId);
        if (!known || !within(actor, known)) throw missing();
      }
      const revoked = await store.tokens.revoke(params.tokenId, iso(at), {
        id: actor.id,
        name: actor.name,
      });
      if (!revoked) throw missing();
      const { token } = revoked;
      if (revoked.now) {
        await record({
          step: 'token-revoked',
          at,
          actor,
          subject: `API token “${token.name}”`,
          detail: `Revoked the API token “${token.name}” (${grantLabel(token.role, token.customer)}): a call with it now answers 401.`,
        });
      }
      return shown(token);
    }),
  ];
}
