import { z } from 'zod/mini';
import { Role, ROLE_LABELS } from './permissions';
import { named } from './registry';

/** A customer's id as a role names it (`operator:nordic`): lower-case letters, digits, dashes. */
export const CustomerId = z
  .string()
  .check(
    z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
    z.core.describe('Lower-case letters, digits and dashes, e.g. `nordic`.'),
  );

export const CustomerRef = named(
  'CustomerRef',
  'The customer a device, site or server belongs to, or whose things a role is limited to.',
  z.object({
    id: CustomerId,
    name: z.string().check(z.minLength(1), z.core.describe('e.g. "Nordic Alarm AB".')),
  }),
);
export type CustomerRef = z.infer<typeof CustomerRef>;

/** A role as configuration and URLs write it: `operator` (every customer) or `operator:nordic`. */
export interface RoleGrant {
  role: Role;
  /** The customer's id; absent: every customer. */
  customer?: string;
}

/**
 * Reads `role` or `role:customer` (`?role=operator:nordic`, `--role`, `--oidc-roles`); null
 * when the role is not one, or the customer id is not well formed.
 */
export function parseRoleGrant(text: string): RoleGrant | null {
  const at = text.indexOf(':');
  const role = Role.safeParse(at < 0 ? text : text.slice(0, at));
  if (!role.success) return null;
  if (at < 0) return { role: role.data };
  const customer = CustomerId.safeParse(text.slice(at + 1));
  return customer.success ? { role: role.data, customer: customer.data } : null;
}

/** The words of a role grant: "Operator · Nordic Alarm AB", or "Operator" for every customer. */
export function grantLabel(role: Role, customer: CustomerRef | null | undefined): string {
  return customer ? `${ROLE_LABELS[role]} · ${customer.name}` : ROLE_LABELS[role];
}
