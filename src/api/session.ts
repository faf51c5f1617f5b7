import { z } from 'zod/mini';
import { CustomerRef } from './customers';
import { defineEndpoint } from './endpoint';
import { Permission, Role, roleCannot } from './permissions';
import { named } from './registry';

export const Operator = named(
  'Operator',
  'A person who uses the console.',
  z.object({
    id: z.string().check(z.minLength(1)),
    name: z.string().check(z.minLength(1), z.core.describe('The display name.')),
  }),
);
export type Operator = z.infer<typeof Operator>;

/** The header a change carries in cookie mode, with the session's `csrfToken`. */
export const CSRF_HEADER = 'X-CSRF-Token';

/** The parts of the console a backend may serve; one it lacks leaves the navigation. */
export const Area = z.enum([
  'devices',
  'sites',
  'servers',
  'rollouts',
  'approvals',
  'freezes',
  'activity',
  'settings',
]);
export type Area = z.infer<typeof Area>;

/**
 * The areas of a backend that says nothing of its capabilities: its screens. Settings (API
 * tokens) are the console's server's own, served only where the session names them.
 */
export const DEFAULT_AREAS: readonly Area[] = Area.options.filter((area) => area !== 'settings');

/** What a backend may do beyond its areas' screens; one it lacks leaves its buttons out. */
export const Feature = z.enum(['holds', 'notifications', 'recalls', 'rollbacks']);
export type Feature = z.infer<typeof Feature>;

export const Capabilities = named(
  'Capabilities',
  'The areas the backend serves (others leave the navigation), and its sign-out.',
  z.object({
    areas: z.array(Area),
    signOut: z.boolean().check(z.core.describe('`DELETE /session` signs out.')),
    features: z.optional(
      z
        .array(Feature)
        .check(
          z.core.describe(
            'What the backend does beyond its areas: `holds` (sites held on their version), `notifications` (what needs the operator, `GET /notifications`), `recalls` (a type’s current version recalled, `POST /device-types/{deviceType}/recall`), `rollbacks` (a halted rollout rolled back, `POST …/rollouts/{rolloutId}/rollback`). Absent: every feature.',
          ),
        ),
    ),
    unsortable: z.optional(
      z
        .object({
          devices: z.optional(z.array(z.string())),
          sites: z.optional(z.array(z.string())),
        })
        .check(
          z.core.describe(
            'Sort fields of the device and site lists the backend cannot order by (hawkBit: `warranty`, `apps`; `timeInState`): the console does not offer them. Absent: every sort.',
          ),
        ),
    ),
  }),
);
export type Capabilities = z.infer<typeof Capabilities>;

/** What a backend that says nothing of its capabilities serves: everything, no sign-out. */
export const ALL_CAPABILITIES: Capabilities = { areas: [...DEFAULT_AREAS], signOut: false };

/** The 401 code of a backend whose operators sign in with `POST /session` (user name, password). */
export const SIGN_IN_REQUIRED = 'sign_in_required';
/** The 401 codes of a backend whose operators sign in elsewhere (an identity provider, a portal). */
export const UNAUTHENTICATED = 'unauthenticated';
export const SESSION_EXPIRED = 'session_expired';
/** The 401 code of a sign-in whose user name and password do not match. */
export const SIGN_IN_FAILED = 'sign_in_failed';

export const SignIn = named(
  'SignIn',
  'A user name and password.',
  z.object({
    username: z.string().check(z.minLength(1), z.maxLength(64)),
    password: z.string().check(z.minLength(1), z.maxLength(256)),
  }),
);
export type SignIn = z.infer<typeof SignIn>;

export const SignedOut = named(
  'SignedOut',
  'The session has ended; where the browser goes next.',
  z.object({
    next: z
      .nullable(z.string())
      .check(z.core.describe("The identity provider's sign-out page, or null.")),
  }),
);
export type SignedOut = z.infer<typeof SignedOut>;

export const Session = named(
  'Session',
  'Who is signed in, their role, and what it permits.',
  z.object({
    operator: Operator,
    role: Role,
    permissions: z.array(Permission),
    csrfToken: z.nullable(
      z
        .string()
        .check(
          z.core.describe(
            'In cookie mode, the value every change sends in the `X-CSRF-Token` header; null with a bearer token.',
          ),
        ),
    ),
    capabilities: z
      .optional(Capabilities)
      .check(z.core.describe('Absent: every area but `settings`.')),
    customer: z
      .optional(z.nullable(CustomerRef))
      .check(
        z.core.describe(
          'The one customer whose devices, sites, servers, rollouts and activity the role is limited to; null or absent: every customer.',
        ),
      ),
  }),
);
export type Session = z.infer<typeof Session>;

/** What the operator's session lets them do with one permission, and if not, why. */
export function permits(
  session: Session | undefined,
  permission: Permission,
): { allowed: true } | { allowed: false; reason: string } {
  if (!session) return { allowed: false, reason: 'Checking what your role may do…' };
  if (session.permissions.includes(permission)) return { allowed: true };
  return { allowed: false, reason: roleCannot(session.role, permission) };
}

export const sessionEndpoints = {
  get: defineEndpoint({
    id: 'getSession',
    method: 'GET',
    path: '/session',
    tag: 'Session',
    summary: 'Who is signed in: the operator, their role and its permissions',
    description:
      'Answers 401 when there is no valid session (or bearer token): the console then asks the operator to sign in again.',
    response: Session,
  }),
  signIn: defineEndpoint({
    id: 'signIn',
    method: 'POST',
    path: '/session',
    tag: 'Session',
    summary: 'Sign in with a user name and password',
    description: 'Where 401 says `sign_in_required`. Sets an HttpOnly session cookie.',
    body: SignIn,
    response: Session,
    errors: [401, 429],
  }),
  signOut: defineEndpoint({
    id: 'signOut',
    method: 'DELETE',
    path: '/session',
    tag: 'Session',
    summary: 'Sign out: the session ends, in every tab',
    response: SignedOut,
  }),
};
