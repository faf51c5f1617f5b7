/**
 * The stand-in's cameras taking an assigned distribution set, by the clock: a `forced`
 * assignment installs at once, or, with a maintenance window, at the window's next opening
 * as hawkBit reads it (its Quartz cron in its fixed offset, quartz.ts); installing takes
 * three minutes, then the device reports the set's version as its `osVersion`; a device that
 * does not poll (unreachable) takes nothing until it does. An action that has not begun to
 * install can be cancelled. Its action's
 * status history says where it stands: `running` "Assigned", `running` "Waiting for the
 * maintenance window", `running` "Installing", then `finished`.
 */
import { windowAt } from './quartz';
import type { StatusEntry } from './standin-sites';

export const INSTALL_MS = 3 * 60_000;
/** Device actions are numbered apart from the panels' (hawkBit numbers all actions as one). */
const FIRST_ID = 1_000_001;

export interface Window {
  schedule: string;
  duration: string;
  timezone: string;
}

export interface DeviceAction {
  id: number;
  controllerId: string;
  distributionSet: number;
  version: string;
  createdAt: number;
  window?: Window;
  cancelled?: boolean;
}

export function standinDeviceUpdates(now: () => number, polls: (controllerId: string) => boolean) {
  const actions: DeviceAction[] = [];
  const latest = new Map<string, DeviceAction>();

  /** When the action installs: at once, or when its window opens (or is open) after it came. */
  function installAt(action: DeviceAction): number {
    if (!action.window) return action.createdAt;
    return Math.max(action.createdAt, windowAt(action.window, action.createdAt).start);
  }

  function stage(action: DeviceAction): 'waiting' | 'installing' | 'finished' {
    if (!polls(action.controllerId)) return 'waiting';
    const at = installAt(action);
    const t = now();
    return t < at ? 'waiting' : t < at + INSTALL_MS ? 'installing' : 'finished';
  }

  return {
    installAt,
    /** Assigns a set: a new action, unless the same set is already on its way. */
    assign(
      controllerId: string,
      set: { id: number; version: string },
      window: Window | undefined,
    ): DeviceAction | undefined {
      const running = latest.get(controllerId);
      if (running && running.distributionSet === set.id && stage(running) !== 'finished') {
        return undefined;
      }
      const action: DeviceAction = {
        id: FIRST_ID + actions.length,
        controllerId,
        distributionSet: set.id,
        version: set.version,
        createdAt: now(),
        ...(window ? { window } : {}),
      };
      actions.push(action);
      latest.set(controllerId, action);
      return action;
    },
    /** The version a device runs now, and whether an update is on its way, if it had one. */
    state(controllerId: string): { version: string; pending: boolean } | undefined {
      const action = latest.get(controllerId);
      if (!action) return undefined;
      const done = stage(action) === 'finished';
      return done ? { version: action.version, pending: false } : undefined;
    },
    pending(controllerId: string): boolean {
      const action = latest.get(controllerId);
      return action !== undefined && stage(action) !== 'finished';
    },
    actionsOf: (controllerId: string) =>
      actions.filter((action) => action.controllerId === controllerId),
    find: (controllerId: string, id: number) =>
      actions.find((action) => action.controllerId === controllerId && action.id === id),
    finished: (action: DeviceAction) => stage(action) === 'finished',
    /** Cancels an action that has not begun to install; false once it has. */
    cancel(action: DeviceAction): boolean {
      if (stage(action) !== 'waiting' || latest.get(action.controllerId) !== action) return false;
      latest.delete(action.controllerId);
      action.cancelled = true;
      return true;
    },
    history(action: DeviceAction): StatusEntry[] {
      const assigned: StatusEntry = {
        id: action.id * 10,
        type: 'running',
        messages: ['Assigned'],
        reportedAt: action.createdAt,
      };
      const at = installAt(action);
      if (action.cancelled) {
        return [
          {
            id: action.id * 10 + 2,
            type: 'canceled',
            messages: ['Cancelled'],
            reportedAt: now(),
          },
          assigned,
        ];
      }
      switch (stage(action)) {
        case 'waiting':
          return [
            {
              id: action.id * 10 + 1,
              type: 'running',
              messages: ['Waiting for the maintenance window'],
              reportedAt: action.createdAt,
            },
            assigned,
          ];
        case 'installing':
          return [
            { id: action.id * 10 + 1, type: 'running', messages: ['Installing'], reportedAt: at },
            assigned,
          ];
        case 'finished':
          return [
            {
              id: action.id * 10 + 2,
              type: 'finished',
              messages: ['Installed'],
              reportedAt: at + INSTALL_MS,
            },
            assigned,
          ];
      }
    },
  };
}
