import { z } from 'zod/mini';
import { defineEndpoint } from './endpoint';
import { named } from './registry';
import { instant } from './rollout-plan';

/**
 * Notifications: what needs the operator now, read and unread, so that nobody has to watch a
 * screen for a rollout to halt or a request to wait. Each is drawn from the state of the
 * fleet as it is for the caller (their role and customer), and read marks are the caller's own.
 */

export const NotificationKind = z.enum([
  'approval-waiting',
  'approval-decided',
  'rollout-halted',
  'rollout-finished',
  'hold-ending',
  'version-recalled',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NOTIFICATIONS_LISTED = 50;

export const Notification = named(
  'Notification',
  'One thing that needs the operator, in words, with where to act on it.',
  z.object({
    id: z
      .string()
      .check(z.core.describe('Stable: the same event keeps its id, a new one gets a new id.')),
    kind: NotificationKind,
    at: instant.check(
      z.core.describe('When it happened (a hold ending: when its last day began).'),
    ),
    due: z.optional(
      z
        .nullable(instant)
        .check(z.core.describe('When it comes due: a hold’s end. Absent: nothing is due.')),
    ),
    title: z.string().check(z.core.describe('"Rollout 2 of Nord GSM halted by its failure rule"')),
    text: z.string().check(z.core.describe('What it means and what to do, in words.')),
    link: z
      .string()
      .check(
        z.core.describe(
          'The console route to act on it: `/approvals`, `/firmware/Nord%20GSM/rollouts/2`, `/firmware/Nord%20GSM?state=held`.',
        ),
      ),
    read: z.boolean(),
  }),
);
export type Notification = z.infer<typeof Notification>;

export const NotificationList = named(
  'NotificationList',
  'The newest notifications (50 at most), and how many of all are unread.',
  z.object({
    items: z.array(Notification).check(z.maxLength(NOTIFICATIONS_LISTED)),
    unread: z.int().check(z.minimum(0)),
  }),
);
export type NotificationList = z.infer<typeof NotificationList>;

export const MarkReadRequest = named(
  'MarkReadRequest',
  'Marks notifications read for the caller: those named, or (without `ids`) every one there is now.',
  z.object({
    ids: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(200))),
  }),
);
export type MarkReadRequest = z.infer<typeof MarkReadRequest>;

const tag = 'Notifications';

export const notificationEndpoints = {
  list: defineEndpoint({
    id: 'listNotifications',
    method: 'GET',
    path: '/notifications',
    tag,
    summary:
      'What needs the operator: approvals waiting, rollouts halted or finished, holds ending',
    description:
      'For the caller: requests they may approve (not their own), their own requests once decided, rollouts and holds of the customers they see. Where the backend has none (hawkBit), 501 `not_supported`.',
    response: NotificationList,
    errors: [501],
  }),
  markRead: defineEndpoint({
    id: 'markNotificationsRead',
    method: 'POST',
    path: '/notifications/read',
    tag,
    summary: 'Mark notifications read (the caller’s own marks)',
    body: MarkReadRequest,
    response: NotificationList,
    errors: [501],
  }),
};
