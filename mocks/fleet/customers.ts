import { parseRoleGrant, type CustomerRef, type RoleGrant } from '../../src/api/customers';

/**
 * The built-in fleet's customers: a security integrator's three clients. Every device, site
 * and server of a scenario belongs to one of them, so a role limited to one customer
 * (`?role=operator:nordic`) can be tried on any scenario.
 */
export const FLEET_CUSTOMERS: readonly CustomerRef[] = [
  { id: 'nordic', name: 'Nordic Alarm AB' },
  { id: 'harbour', name: 'Harbour Retail Group' },
  { id: 'alpine', name: 'Alpine Clinics' },
];

const byId = new Map(FLEET_CUSTOMERS.map((customer) => [customer.id, customer]));

/** The customer of this id, or undefined when the fleet has none by that id. */
export function fleetCustomer(id: string): CustomerRef | undefined {
  return byId.get(id);
}

/** A thing's `customer` as the contract shows it: its id and name. */
export function customerField(id: string): { customer?: CustomerRef } {
  const customer = fleetCustomer(id);
  return customer ? { customer } : {};
}

/**
 * Whose the `place`-th thing of a kind is: half Nordic Alarm, three in ten Harbour Retail, one
 * in five Alpine Clinics, mixed so that neighbours differ.
 */
export function customerAt(place: number): string {
  const tenth = (place * 7 + 3) % 10;
  return tenth < 5 ? 'nordic' : tenth < 8 ? 'harbour' : 'alpine';
}

/** The customer a role is limited to (an id), or undefined for every customer. */
export type Scope = string | undefined;

/** Whether a thing of `customer` is within the scope. */
export function inScope(scope: Scope, customer: string): boolean {
  return scope === undefined || scope === customer;
}

/** A role grant of the built-in fleet (`operator`, `operator:nordic`), or null: not a role, or no such customer. */
export function fleetGrant(text: string | null): RoleGrant | null {
  const grant = text === null ? null : parseRoleGrant(text);
  if (!grant || (grant.customer !== undefined && !fleetCustomer(grant.customer))) return null;
  return grant;
}

/** What `--role` and `?role=` take, in words for a refusal. */
export const GRANT_WORDS = `viewer, operator or administrator, for every customer or one (operator:${FLEET_CUSTOMERS.map((customer) => customer.id).join(', operator:')})`;
