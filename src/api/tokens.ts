import { z } from 'zod/mini';
import { CustomerId, CustomerRef } from './customers';
import { defineEndpoint } from './endpoint';
import { Role } from './permissions';
import { named } from './registry';
import { Operator } from './session';

/** How long a token may live at most: a year. */
export const TOKEN_MAX_DAYS = 365;

/** What every token's secret starts with, so that a leaked one is recognised (secret scanners). */
export const TOKEN_PREFIX = 'fuc_';

/** What the activity calls a token: "Nightly report (API token), created by Ada Novak". */
export function tokenActorName(name: string, createdBy: string): string {
  return `${name} (API token), created by ${createdBy}`;
}

export const ApiToken = named(
  'ApiToken',
  'An API token for automation. Its secret is shown once, when it is created, and kept only as a hash.',
  z.object({
    id: z.string(),
    name: z.string(),
    role: Role,
    /** The one customer the token's role is limited to; null: every customer. */
    customer: z.nullable(CustomerRef),
    hint: z
      .string()
      .check(
        z.core.describe(
          "The secret's first characters (`fuc_Ab3x…`), to tell tokens apart; never the secret.",
        ),
      ),
    createdAt: z.iso.datetime(),
    createdBy: Operator,
    expiresAt: z.iso.datetime(),
    lastUsedAt: z.nullable(
      z.iso
        .datetime()
        .check(z.core.describe('When a call last came with it (to the minute); null: never.')),
    ),
    revokedAt: z.nullable(z.iso.datetime()),
    revokedBy: z.nullable(Operator),
  }),
);
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenList = named(
  'ApiTokenList',
  'Every API token within the caller’s scope, the newest first: live, expired and revoked ones.',
  z.object({
    items: z.array(ApiToken),
    customers: z.optional(
      z
        .array(CustomerRef)
        .check(
          z.core.describe(
            'The customers a new token may be limited to by this caller: all of the backend’s for an administrator of every customer, their own for an administrator of one; absent or empty: the backend has no customers.',
          ),
        ),
    ),
  }),
);
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const CreateApiToken = named(
  'CreateApiToken',
  'A new API token: what it is for, the role it acts with, the customer it is limited to, and when it expires (at most a year ahead).',
  z.object({
    name: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'Give the token a name that says what uses it.'),
        z.maxLength(80, 'Use at most 80 characters.'),
      ),
    role: Role,
    customer: z.optional(
      z.nullable(
        CustomerId.check(
          z.core.describe(
            'The one customer the token is limited to; null: every customer; absent: the creator’s own scope.',
          ),
        ),
      ),
    ),
    expiresAt: z.iso.datetime(),
  }),
);
export type CreateApiToken = z.infer<typeof CreateApiToken>;

export const CreatedApiToken = named(
  'CreatedApiToken',
  'The new token and its secret, shown this once: send it as `Authorization: Bearer <secret>`.',
  z.object({ token: ApiToken, secret: z.string() }),
);
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

const TokenParams = z.object({ tokenId: z.string().check(z.minLength(1), z.maxLength(100)) });

export const tokenEndpoints = {
  list: defineEndpoint({
    id: 'listApiTokens',
    method: 'GET',
    path: '/tokens',
    tag: 'API tokens',
    summary: 'Every API token, with its role, expiry and last use (administrators)',
    description:
      'Answers 403 for a role other than administrator. An administrator of one customer sees that customer’s tokens only. Served by the console’s server (`capabilities.areas` names `settings`).',
    response: ApiTokenList,
    errors: [403],
    permission: 'manage-tokens',
  }),
  create: defineEndpoint({
    id: 'createApiToken',
    method: 'POST',
    path: '/tokens',
    tag: 'API tokens',
    summary: 'Create an API token: its secret is in this answer only',
    description:
      'The secret starts with `fuc_`; the server keeps only its SHA-256 hash. `expiresAt` must be in the future and at most 365 days ahead (400 `validation_failed` otherwise). The token may not be given a role above its creator’s, nor a scope wider than theirs: an administrator of one customer makes tokens for that customer only (403); a customer the backend does not have answers 400 `validation_failed`. Not idempotent: the secret is never kept, so no answer can be sent again.',
    body: CreateApiToken,
    response: CreatedApiToken,
    status: 201,
    errors: [403, 422],
    permission: 'manage-tokens',
  }),
  revoke: defineEndpoint({
    id: 'revokeApiToken',
    method: 'DELETE',
    path: '/tokens/{tokenId}',
    tag: 'API tokens',
    summary: 'Revoke an API token: a call with it then answers 401',
    description:
      'Revoking a token already revoked answers it as it is. A token outside the caller’s scope answers 404.',
    params: TokenParams,
    response: ApiToken,
    errors: [403, 404],
    permission: 'manage-tokens',
  }),
};
