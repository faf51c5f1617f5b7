/**
 * The stand-in's alarm panels: one target per site of the scenario, of the target type named
 * after its device type (`Nord GSM`), whose update moves by the clock as the built-in fleet
 * moves it — the same simulator, read through hawkBit's shapes. Each site update is a hawkBit
 * action; its status history says where it stands, as a panel's hawkBit client would report:
 *
 * | site update state          | action status (`type`) and message                          |
 * | -------------------------- | ----------------------------------------------------------- |
 * | queued                     | `running` "Assigned" (the target polls: it is connected)    |
 * | waiting for connection     | `running` "Assigned", or `download` with the parts so far;  |
 * |                            | the target has not polled within the hour                  |
 * | downloading                | `download` "Downloaded 5 of 23 parts (81920 of 368640 bytes)" |
 * | checking                   | `downloaded` "Checking integrity and compatibility"         |
 * |                            | (after the download, a second message gives its size)       |
 * | ready for installation     | `downloaded` "Ready for installation"                       |
 * | waiting for a disarm       | `wait_for_confirmation` "Waiting for a disarmed partition"  |
 * | rebooting                  | `running` "Rebooting"                                       |
 * | done                       | `finished`                                                  |
 * | failed                     | `error` with the reason; `code` 1 board revision, 2 integrity |
 * | cancelled                  | `canceled`                                                  |
 */
import type { Site } from '../../src/api/sites';
import { Fleet } from '../fleet/fleet';
import { RefusedError } from '../../server/contract/refusal';
import type { ScenarioName } from '../fleet/scenarios';

export const SITE_CATEGORY = 'panel';
/** The failure codes a panel reports with an `error` status. */
export const FAILURE_STATUS_CODES = {
  'board-revision': 1,
  integrity: 2,
  'fell-back': 3,
  'no-report': 4,
} as const;

export interface StandinAction {
  id: number;
  controllerId: string;
  createdAt: number;
  distributionSet: number;
  cancelled: boolean;
  /** The rollout and group that assigned it, if a rollout did. */
  rollout?: number;
  rolloutGroup?: number;
}

export interface StatusEntry {
  id: number;
  type: string;
  messages: string[];
  reportedAt: number;
  code?: number;
}

/** `Nord GSM` site 1017 → `nord-gsm-1017`. */
export function siteControllerId(deviceType: string, number: number): string {
  return `${deviceType.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${number}`;
}

const STANDIN_ACTOR = { id: 'hawkbit-standin', name: 'hawkBit', role: 'administrator' as const };

export function standinSites(scenario: ScenarioName, now: () => number) {
  const fleet = new Fleet({ scenario, now });
  fleet.actor = STANDIN_ACTOR;
  const seeds = fleet.scenario.sites;
  const actions: StandinAction[] = [];
  const latest = new Map<string, StandinAction>();

  /** Each site's state, read once per instant (a query reads it for every site). */
  let memo: { at: number; sites: Map<string, Site> } = { at: Number.NaN, sites: new Map() };
  function site(deviceType: string, number: number): Site {
    const at = now();
    if (memo.at !== at) memo = { at, sites: new Map() };
    const id = siteControllerId(deviceType, number);
    let found = memo.sites.get(id);
    if (!found) {
      found = fleet.site(deviceType, number);
      memo.sites.set(id, found);
    }
    return found;
  }
  const forget = () => {
    memo = { at: Number.NaN, sites: new Map() };
  };

  function act(controllerId: string, createdAt: number, distributionSet: number): StandinAction {
    const action = {
      id: actions.length + 1,
      controllerId,
      createdAt,
      distributionSet,
      cancelled: false,
    };
    actions.push(action);
    latest.set(controllerId, action);
    return action;
  }

  /** The status history of a site's latest action, newest first. */
  function history(deviceType: string, number: number, action: StandinAction): StatusEntry[] {
    const now_ = site(deviceType, number);
    const base = { id: action.id * 100, reportedAt: action.createdAt };
    const assigned: StatusEntry = { ...base, type: 'running', messages: ['Assigned'] };
    const entry = (
      type: string,
      message: string | undefined,
      at: number,
      code?: number,
      more?: string,
    ) => ({
      id: base.id + 1,
      type,
      messages: [message, more].filter((text): text is string => text !== undefined),
      reportedAt: at,
      ...(code === undefined ? {} : { code }),
    });
    if (action.cancelled) return [entry('canceled', 'Cancelled by an operator', now()), assigned];
    const update = now_.update;
    if (!update) {
      const failure = now_.lastFailure;
      if (failure && Date.parse(failure.at) >= action.createdAt) {
        return [
          entry(
            'error',
            failure.reason,
            Date.parse(failure.at),
            FAILURE_STATUS_CODES[failure.code],
          ),
          assigned,
        ];
      }
      const done = now_.lastUpdatedAt ? Date.parse(now_.lastUpdatedAt) : now();
      return [entry('finished', 'Installed', done), assigned];
    }
    const since = Date.parse(update.since);
    const { parts, totalParts, bytes, totalBytes } = update.download;
    const progress = `Downloaded ${parts} of ${totalParts} parts (${bytes} of ${totalBytes} bytes)`;
    const whole = `Downloaded ${totalParts} of ${totalParts} parts (${totalBytes} of ${totalBytes} bytes)`;
    switch (update.state) {
      // The panel's client says how big the download is as soon as it has the action.
      case 'queued':
        return [{ ...assigned, messages: ['Assigned', progress] }];
      case 'waiting-for-connection':
        return update.interrupted
          ? [entry('download', progress, since), assigned]
          : [{ ...assigned, messages: ['Assigned', progress] }];
      case 'downloading':
        return [entry('download', progress, since), assigned];
      case 'checking':
        return [
          entry('downloaded', 'Checking integrity and compatibility', since, undefined, whole),
          assigned,
        ];
      case 'ready':
        return [entry('downloaded', 'Ready for installation', since, undefined, whole), assigned];
      case 'waiting-for-disarm':
        return [
          entry(
            'wait_for_confirmation',
            'Waiting for a disarmed partition',
            since,
            undefined,
            whole,
          ),
          assigned,
        ];
      case 'rebooting':
        return [entry('running', 'Rebooting', since, undefined, whole), assigned];
    }
  }

  return {
    seeds,
    deviceTypes: fleet.scenario.deviceTypes,
    site,
    /** Actions of the updates already running, or failed, when the scenario began. */
    seedActions(setOf: (deviceType: string, version: string) => number) {
      for (const seed of seeds) {
        const now_ = site(seed.deviceType, seed.number);
        const type = fleet.scenario.deviceTypes.find((entry) => entry.name === seed.deviceType);
        const started = now_.update
          ? Date.parse(now_.update.queuedAt)
          : now_.lastFailure
            ? Date.parse(now_.lastFailure.at) - 60_000
            : undefined;
        if (started !== undefined && type) {
          act(
            siteControllerId(seed.deviceType, seed.number),
            started,
            setOf(seed.deviceType, type.currentVersion),
          );
        }
      }
    },
    latest: (controllerId: string) => latest.get(controllerId),
    /** Every site action, oldest first. */
    all: (): readonly StandinAction[] => actions,
    actionsOf: (controllerId: string) =>
      actions.filter((action) => action.controllerId === controllerId),
    history,
    /** Assigns the type's set: an update of the site, unless one runs or it cannot take one. */
    assign(deviceType: string, number: number, distributionSet: number): StandinAction | undefined {
      try {
        fleet.updateSite(deviceType, number);
      } catch (error) {
        if (error instanceof RefusedError) return undefined;
        throw error;
      }
      forget();
      return act(siteControllerId(deviceType, number), now(), distributionSet);
    },
    /** Cancels the update; a panel refuses once its download is complete (409). */
    cancel(deviceType: string, number: number, action: StandinAction): RefusedError | undefined {
      try {
        fleet.cancelSiteUpdate(deviceType, number);
      } catch (error) {
        if (error instanceof RefusedError) return error;
        throw error;
      }
      forget();
      action.cancelled = true;
      return undefined;
    },
  };
}

export type StandinSites = ReturnType<typeof standinSites>;
