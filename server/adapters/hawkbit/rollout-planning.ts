/**
 * A staged rollout's plan on hawkBit (rollouts.ts): the selection as RSQL (its eligible sites,
 * and those it leaves out by reason), the waves' sizes by the console's plan, and each wave's
 * hawkBit group filter — a named pilot by site number, the others by the last name of the
 * wave in name order, the last group taking the rest.
 */
import type { Rollout, RolloutPlanRequest, RolloutRules } from '../../../src/api/rollouts';
import { planWaves } from '../../../src/domain/rollout-rules';
import { plural } from '../../../src/lib/format';
import { RefusedError } from '../../contract/refusal';
import type { Catalog } from './catalog';
import type { HawkbitClient, HawkbitCredentials } from './client';
import { all, compare, contains, outside, within } from './rsql';
import { causeQuery, IP, NOT_IP, stateQuery } from './site-reading';
import type { SitesParts } from './sites';
import { targetReader } from './targets';

const SITE_NUMBER = 'controllerAttributes.siteNumber';
/** The first sites named per wave and left-out reason: each is a read. */
export const NAMED_PER_WAVE = 10;

export interface PlanningOptions {
  client: HawkbitClient;
  catalog: (credentials: HawkbitCredentials) => Promise<Catalog>;
  sites: SitesParts;
}

export function rolloutPlanner({ client, catalog, sites }: PlanningOptions) {
  const reader = targetReader(client);

  /** The selection's queries: its eligible sites, and those it leaves out, by reason. */
  async function selectionOf(
    credentials: HawkbitCredentials,
    deviceType: string,
    selection: RolloutPlanRequest['selection'],
  ) {
    const set = sites.currentSet(await catalog(credentials), deviceType);
    const group = sites.groups(deviceType, set.version);
    const old = compare('installedDistributionSet.version', '!=', set.version);
    const base = all(
      sites.ofType(deviceType),
      old,
      selection.q ? contains(SITE_NUMBER, selection.q) : undefined,
      stateQuery(selection, group),
      causeQuery(selection, group, compare('lastTargetQuery', '=lt=', sites.overdue())),
    );
    const queueable = all(base, compare('updateStatus', '!=', 'pending'), IP);
    return {
      set,
      eligible: all(queueable, outside(SITE_NUMBER, selection.exclude)) ?? '',
      leftOut: [
        ['already-updating', all(base, compare('updateStatus', '==', 'pending'))],
        ['no-ip-channel', all(base, compare('updateStatus', '!=', 'pending'), NOT_IP)],
        [
          'excluded',
          selection.exclude.length > 0
            ? all(queueable, within(SITE_NUMBER, selection.exclude))
            : undefined,
        ],
      ] as const,
    };
  }

  const numbers = async (
    credentials: HawkbitCredentials,
    q: string,
    offset: number,
    limit: number,
  ) =>
    (
      await sites.numbersOf(
        credentials,
        (await reader.page(credentials, q, { sort: 'NAME:ASC', offset, limit })).content,
        limit,
      )
    ).sort((a, b) => a - b);

  /** The waves and their hawkBit groups for a request, as things stand now. */
  async function plan(
    credentials: HawkbitCredentials,
    deviceType: string,
    request: RolloutPlanRequest,
  ) {
    const {
      set,
      eligible,
      leftOut: leftOutQueries,
    } = await selectionOf(credentials, deviceType, request.selection);
    const total = await reader.count(credentials, eligible);
    if (total === 0) {
      throw new RefusedError(
        422,
        'no_sites',
        `No ${deviceType} site of this selection can be queued: each is on ${set.version} already, updating, excluded or without an IP channel. Widen the search or filter.`,
      );
    }
    const pilot = request.plan.pilot.kind === 'sites' ? request.plan.pilot.sites : [];
    if (pilot.length > 0) {
      const found = new Set(
        await numbers(
          credentials,
          all(eligible, within(SITE_NUMBER, pilot)) ?? '',
          0,
          pilot.length,
        ),
      );
      const missing = pilot.filter((site) => !found.has(site));
      if (missing.length > 0) {
        throw new RefusedError(
          422,
          'pilot_not_selected',
          `Pilot ${missing.length === 1 ? 'site' : 'sites'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not among the sites this rollout can queue. Choose pilot sites from the selection.`,
        );
      }
    }
    // The waves' sizes, from the plan over stand-ins for the sites: the named pilot first.
    const placeholders = [
      ...pilot,
      ...Array.from({ length: total - pilot.length }, (_, i) => -1 - i),
    ];
    const sizes = planWaves(placeholders, {
      pilot:
        request.plan.pilot.kind === 'sites'
          ? { sites: pilot }
          : { count: request.plan.pilot.count },
      steps: request.plan.waves.map((step) =>
        step.kind === 'percent' ? { share: step.percent / 100 } : { count: step.count },
      ),
    }).map((wave) => wave.length);
    const rest = all(eligible, outside(SITE_NUMBER, pilot)) ?? '';
    const waves: { sites: number; filter: string | undefined; firstSites: number[] }[] = [];
    let offset = 0;
    for (const [index, size] of sizes.entries()) {
      const last = index === sizes.length - 1;
      if (index === 0 && pilot.length > 0) {
        waves.push({
          sites: size,
          filter: within(SITE_NUMBER, pilot),
          firstSites: [...pilot].sort((a, b) => a - b).slice(0, NAMED_PER_WAVE),
        });
        continue;
      }
      const [boundary] = last
        ? []
        : (
            await reader.page(credentials, rest, {
              sort: 'NAME:ASC',
              offset: offset + size - 1,
              limit: 1,
            })
          ).content;
      waves.push({
        sites: size,
        filter: boundary ? compare('name', '=le=', boundary.name) : undefined,
        firstSites: await numbers(credentials, rest, offset, Math.min(size, NAMED_PER_WAVE)),
      });
      offset += size;
    }
    const leftOut: Rollout['leftOut'] = [];
    for (const [reason, q] of leftOutQueries) {
      if (!q) continue;
      const page = await reader.page(credentials, q, {
        sort: 'NAME:ASC',
        offset: 0,
        limit: NAMED_PER_WAVE,
      });
      if (page.total > 0) {
        leftOut.push({
          reason,
          count: page.total,
          sites: (await sites.numbersOf(credentials, page.content)).sort((a, b) => a - b),
        });
      }
    }
    const waiting = await reader.count(
      credentials,
      all(eligible, compare('lastTargetQuery', '=lt=', sites.overdue())),
    );
    return { set, eligible, total, waves, leftOut, waiting };
  }

  const forecastOf = (waiting: number): Rollout['forecast'] => ({
    finish: null,
    waiting,
    basis: `hawkBit reports no download or install timings, so the console forecasts no finish on hawkBit${
      waiting > 0
        ? `; ${plural(waiting, 'site')} have not polled hawkBit within the hour and wait for a connection`
        : ''
    }.`,
  });

  return { plan, forecastOf };
}

export type PlannedRollout = Awaited<ReturnType<ReturnType<typeof rolloutPlanner>['plan']>>;

/**
 * The hawkBit rollout of a plan: its filter, and a group per wave held at its success
 * threshold and at its failure threshold (`PAUSE` both), so that hawkBit never starts a wave
 * by itself.
 */
export function hawkbitRolloutBody(
  planned: PlannedRollout,
  rules: RolloutRules,
  named: { name: string; description: string },
) {
  const pause = { action: 'PAUSE', expression: '' };
  const threshold = (percent: number) => ({
    condition: 'THRESHOLD',
    expression: String(percent),
  });
  return {
    ...named,
    distributionSetId: planned.set.id,
    targetFilterQuery: planned.eligible,
    groups: planned.waves.map((wave, index) => ({
      name: index === 0 ? 'Wave 1 (pilot)' : `Wave ${index + 1}`,
      ...(wave.filter ? { targetFilterQuery: wave.filter } : {}),
      targetPercentage: 100,
      successCondition: threshold(rules.successPercent),
      successAction: pause,
      ...(rules.failurePercent === null
        ? {}
        : { errorCondition: threshold(rules.failurePercent), errorAction: pause }),
    })),
  };
}
