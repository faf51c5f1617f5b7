import { z } from 'zod/mini';
import { defineEndpoint } from './endpoint';
import { named, RequestId } from './registry';

export { FreezeOverride, freezeOverrideField, frozenField } from './freeze-override';
import { freezeInstants } from '@/domain/freezes';
import { isValidTimeZone } from '@/lib/time-zone';

/**
 * Change freezes: periods (e.g. December 20 to January 6, in a named zone) in which no
 * maintenance window, site update or rollout wave starts, for the whole fleet or one device
 * type. Windows inside one move after it; waves wait until it ends; a change started inside
 * one is refused, unless an administrator gives a written reason (`freezeOverride`), which
 * the activity keeps.
 */

/** A freeze lasts at most this many days. */
export const FREEZE_MAX_DAYS = 92;
/** A freeze may begin at most this many days ahead. */
export const FREEZE_AHEAD_DAYS = 366;

const instant = z.iso.datetime();
const DayText = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the day as YYYY-MM-DD.'),
    z.core.describe('A calendar day in the freeze’s zone, e.g. "2026-12-20".'),
  );

export const FreezeStatus = z.enum(['upcoming', 'in-force', 'ended']);
export type FreezeStatus = z.infer<typeof FreezeStatus>;

export const FREEZE_STATUS_LABELS: Record<FreezeStatus, string> = {
  upcoming: 'Upcoming',
  'in-force': 'In force',
  ended: 'Ended',
};

export const Freeze = named(
  'Freeze',
  'A change freeze: from its first day’s 00:00 to the end of its last day, in its zone.',
  z.object({
    id: z.string(),
    name: z.string().check(z.core.describe('"Holiday freeze"')),
    deviceType: z
      .nullable(z.string())
      .check(z.core.describe('The device type it freezes; null: the whole fleet.')),
    firstDay: DayText,
    lastDay: DayText,
    timeZone: z.string().check(z.core.describe('IANA zone its days are counted in.')),
    startsAt: instant.check(z.core.describe('Its first day’s 00:00 in its zone.')),
    endsAt: instant.check(
      z.core.describe('The 00:00 after its last day, or when it was ended early.'),
    ),
    status: FreezeStatus,
    createdBy: z.string(),
    createdAt: instant,
    endedBy: z
      .nullable(z.string())
      .check(z.core.describe('Who ended it before its last day; null otherwise.')),
  }),
);
export type Freeze = z.infer<typeof Freeze>;

export const FreezeList = named(
  'FreezeList',
  'Every freeze in force or upcoming (soonest first), then those ended in the last 30 days.',
  z.object({ items: z.array(Freeze) }),
);
export type FreezeList = z.infer<typeof FreezeList>;

export const FreezeName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Name the freeze, e.g. “Holiday freeze”.'),
    z.maxLength(80, 'Use at most 80 characters.'),
  );

export const AddFreezeRequest = named(
  'AddFreezeRequest',
  `Adds a change freeze from its first day to its last (inclusive, in \`timeZone\`): at most ${FREEZE_MAX_DAYS} days, ending in the future and beginning at most a year ahead. A first day already begun freezes from now. Repeating a \`requestId\` returns the first answer.`,
  z
    .object({
      requestId: RequestId,
      name: FreezeName,
      deviceType: z.nullable(z.string().check(z.minLength(1))),
      firstDay: DayText,
      lastDay: DayText,
      timeZone: z
        .string()
        .check(z.refine(isValidTimeZone, 'Choose a time zone from the list (IANA name).')),
    })
    .check(
      z.refine(
        (freeze) => freezeInstants(freeze.firstDay, freeze.lastDay, freeze.timeZone) !== null,
        { message: 'Choose a last day on or after the first day.', path: ['lastDay'] },
      ),
    ),
);
export type AddFreezeRequest = z.infer<typeof AddFreezeRequest>;

export const EndFreezeRequest = named(
  'EndFreezeRequest',
  'Ends a freeze now (an upcoming one is cancelled). Repeating a `requestId` returns the first answer.',
  z.object({ requestId: RequestId }),
);
export type EndFreezeRequest = z.infer<typeof EndFreezeRequest>;

const FreezeParams = z.object({ freezeId: z.string().check(z.minLength(1)) });
const tag = 'Change freezes';

export const freezeEndpoints = {
  list: defineEndpoint({
    id: 'listFreezes',
    method: 'GET',
    path: '/freezes',
    tag,
    summary: 'Change freezes in force, upcoming and recently ended',
    response: FreezeList,
    errors: [501],
  }),
  add: defineEndpoint({
    id: 'addFreeze',
    permission: 'change-freezes',
    method: 'POST',
    path: '/freezes',
    tag,
    summary: 'Add a change freeze for the fleet or a device type, once per requestId',
    description:
      'Refused with 400 `validation_failed` (days out of bounds, in words), 404 `not_found` (no such device type) or 422 `idempotency_key_reused`.',
    body: AddFreezeRequest,
    response: Freeze,
    status: 201,
    errors: [400, 404, 422, 501],
  }),
  end: defineEndpoint({
    id: 'endFreeze',
    permission: 'change-freezes',
    method: 'POST',
    path: '/freezes/{freezeId}/end',
    tag,
    summary: 'End a change freeze now, once per requestId',
    description:
      'Refused with 404 `freeze_not_found` or 409 `freeze_ended` (it has ended already).',
    params: FreezeParams,
    body: EndFreezeRequest,
    response: Freeze,
    errors: [404, 409, 501],
  }),
};
