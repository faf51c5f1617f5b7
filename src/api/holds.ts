import { z } from 'zod/mini';
import { defineEndpoint } from './endpoint';
import { named, RequestId } from './registry';
import { HOLD_MAX_DAYS, NoUpdateCause, SiteStateFilter } from './sites';

/**
 * Holds: sites kept on their version on purpose, with a reason and an end (see `Hold` on a
 * site). Held sites leave the red count for their own "held" count, are left out of "Update
 * all sites" and of staged rollouts with the reason said, are refused a single update, and
 * come back by themselves when the hold ends.
 */

const MAX_LISTED = 100;

/** The first of the sites an answer counts (all of them in its count). */
const FirstSites = z
  .array(z.int())
  .check(z.maxLength(MAX_LISTED), z.core.describe('The first 100 site numbers.'));

/** Which of a type's sites: by number, or every site the site list's filters match. */
export const SiteSelection = named(
  'SiteSelection',
  'Sites of one device type: by number, or every site matching the site list’s search and filters (`except` taken out).',
  z.discriminatedUnion('mode', [
    z.object({
      mode: z.literal('numbers'),
      numbers: z
        .array(z.int().check(z.minimum(1)))
        .check(z.minLength(1, 'Choose at least one site.'), z.maxLength(10_000)),
    }),
    z.object({
      mode: z.literal('filter'),
      filter: z.object({
        q: z.optional(z.string().check(z.maxLength(100))),
        state: z.optional(SiteStateFilter),
        cause: z.optional(NoUpdateCause),
        rollout: z.optional(z.string().check(z.minLength(1), z.maxLength(20))),
        wave: z.optional(z.int().check(z.minimum(1))),
      }),
      except: z.optional(z.array(z.int().check(z.minimum(1))).check(z.maxLength(10_000))),
    }),
  ]),
);
export type SiteSelection = z.infer<typeof SiteSelection>;

export const HoldReason = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Say why the sites are held, for whoever finds them held.'),
    z.maxLength(200, 'Use at most 200 characters.'),
  );

export const HoldSitesRequest = named(
  'HoldSitesRequest',
  `Holds the selected sites on their version until \`until\` (in the future, at most ${HOLD_MAX_DAYS} days ahead), with a reason. Holding a held site again replaces its hold. Repeating a \`requestId\` returns the first answer and holds nothing again.`,
  z.object({
    selection: SiteSelection,
    reason: HoldReason,
    until: z.iso.datetime(),
    requestId: RequestId,
  }),
);
export type HoldSitesRequest = z.infer<typeof HoldSitesRequest>;

export const HoldSitesResult = named(
  'HoldSitesResult',
  'How many sites are now held, until when, and the first of them.',
  z.object({
    held: z.int().check(z.minimum(0)),
    until: z.iso.datetime(),
    sites: FirstSites,
  }),
);
export type HoldSitesResult = z.infer<typeof HoldSitesResult>;

export const ReleaseSitesRequest = named(
  'ReleaseSitesRequest',
  'Ends the holds of the selected sites now (sites not held are left as they are). Repeating a `requestId` returns the first answer.',
  z.object({ selection: SiteSelection, requestId: RequestId }),
);
export type ReleaseSitesRequest = z.infer<typeof ReleaseSitesRequest>;

export const ReleaseSitesResult = named(
  'ReleaseSitesResult',
  'How many holds were ended, and the first of their sites.',
  z.object({
    released: z.int().check(z.minimum(0)),
    sites: FirstSites,
  }),
);
export type ReleaseSitesResult = z.infer<typeof ReleaseSitesResult>;

const TypeParams = z.object({ deviceType: z.string().check(z.minLength(1)) });

export const holdEndpoints = {
  hold: defineEndpoint({
    id: 'holdSites',
    permission: 'update-sites',
    method: 'POST',
    path: '/device-types/{deviceType}/holds',
    tag: 'Site software update',
    summary: 'Hold sites on their version, with a reason, until an end',
    description:
      'An `until` in the past or more than a year ahead answers 400 `validation_failed`; a selection of no site answers 422 `nothing_selected`. Where the backend has no holds (hawkBit), 501 `not_supported`.',
    params: TypeParams,
    body: HoldSitesRequest,
    response: HoldSitesResult,
    errors: [404, 422, 501],
  }),
  release: defineEndpoint({
    id: 'releaseSites',
    permission: 'update-sites',
    method: 'POST',
    path: '/device-types/{deviceType}/holds/release',
    tag: 'Site software update',
    summary: 'End the holds of sites now',
    params: TypeParams,
    body: ReleaseSitesRequest,
    response: ReleaseSitesResult,
    errors: [404, 422, 501],
  }),
};
