import type { HttpHandler } from 'msw';
import { approvalEndpoints } from '../../src/api/approvals';
import { notificationEndpoints } from '../../src/api/notifications';
import { fleetRoute, type FleetBinding } from './route';

/** Approvals, and the notifications that tell of them (and of rollouts and holds). */
export function approvalHandlers(binding: FleetBinding): HttpHandler[] {
  const { fleet } = binding;
  const route = fleetRoute(binding);
  return [
    route(approvalEndpoints.rules, () => fleet().approvals.rules()),
    route(approvalEndpoints.setRules, ({ body }) => fleet().approvals.setRules(body)),
    route(approvalEndpoints.list, ({ query }) => fleet().approvals.list(query)),
    route(approvalEndpoints.ask, ({ body }) => fleet().approvals.ask(body)),
    route(approvalEndpoints.get, ({ params }) => fleet().approvals.get(params.approvalId)),
    route(approvalEndpoints.approve, ({ params, body }) =>
      fleet().approvals.approve(params.approvalId, body.comment),
    ),
    route(approvalEndpoints.deny, ({ params, body }) =>
      fleet().approvals.deny(params.approvalId, body.comment),
    ),
    route(approvalEndpoints.withdraw, ({ params }) =>
      fleet().approvals.withdraw(params.approvalId),
    ),
    route(notificationEndpoints.list, () => fleet().notifications.list()),
    route(notificationEndpoints.markRead, ({ body }) => fleet().notifications.markRead(body.ids)),
  ];
}
