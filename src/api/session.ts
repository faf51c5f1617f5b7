import { z } from 'zod/mini';
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
};
