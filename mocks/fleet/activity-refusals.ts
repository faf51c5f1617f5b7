import type { DeviceSelection } from '../../src/api/devices';
import type { DeviceSchedule } from '../../src/api/schedules';
import {
  devicesScope,
  scheduleWords,
  serverScope,
  sitesScope,
  type ActivityContext,
  type Described,
} from './activity';
import { describeApprovalRequest } from './activity-approvals';
import { describeFreezeRequest } from './activity-freezes';
import { describeRolloutRequest } from './activity-rollouts';
import type { Operation } from './operations';
import type { RefusedError } from './refusal';

/**
 * A change the fleet refused, in the activity's words, from the request as it came: the
 * endpoint's operation id, its path parameters and body.
 */
export function describeRequest(
  operationId: string,
  params: {
    deviceType?: string;
    siteNumber?: number;
    serverId?: string;
    approvalId?: string;
    freezeId?: string;
  },
  body: unknown,
  context: ActivityContext,
): Described | null {
  const input = (body ?? {}) as Record<string, unknown>;
  const selectionScope = () => {
    const selection = input.selection as DeviceSelection;
    return selection.mode === 'ids'
      ? devicesScope(selection.ids, selection.ids.length, undefined, context)
      : devicesScope([], context.matching(selection), selection, context);
  };
  const deviceType = params.deviceType ?? '';
  switch (operationId) {
    case 'setDeviceSchedule':
      return {
        kind: 'device-schedule',
        summary: scheduleWords(input.schedule as DeviceSchedule),
        scope: selectionScope(),
      };
    case 'startDeviceUpdates':
      return { kind: 'device-update', summary: 'Update now', scope: selectionScope() };
    case 'updateSite':
      return {
        kind: 'site-update',
        summary: 'Update using site number',
        scope: sitesScope(deviceType, [Number(input.siteNumber)]),
      };
    case 'updateAll':
      return {
        kind: 'site-update-all',
        summary: 'Update software at all sites',
        scope: sitesScope(deviceType, []),
      };
    case 'holdSites':
    case 'releaseSites': {
      const selection = input.selection as { mode?: string; numbers?: number[] } | undefined;
      const numbers = selection?.mode === 'numbers' ? (selection.numbers ?? []) : [];
      return operationId === 'holdSites'
        ? { kind: 'site-hold', summary: 'Hold sites', scope: sitesScope(deviceType, numbers) }
        : {
            kind: 'site-release',
            summary: 'Release holds',
            scope: sitesScope(deviceType, numbers),
          };
    }
    case 'askApproval':
    case 'approveChange':
    case 'denyChange':
    case 'withdrawApproval':
    case 'setApprovalRules':
      return describeApprovalRequest(operationId, params, input);
    case 'addFreeze':
    case 'endFreeze':
      return describeFreezeRequest(operationId, params, input, context.freezeName);
    case 'recallVersion':
      return {
        kind: 'version-recall',
        summary: `Recall ${typeof input.version === 'string' ? input.version : 'a version'}`,
        scope: { text: deviceType, devices: null, sites: null, server: null },
      };
    case 'cancelSiteUpdate':
      return {
        kind: 'site-cancel',
        summary: 'Cancel update',
        scope: sitesScope(deviceType, [Number(params.siteNumber)]),
      };
    case 'setServerTarget':
      return {
        kind: 'server-targets',
        summary: 'Save target versions',
        scope: serverScope(params.serverId ?? '', context),
      };
    case 'setServerSettings':
      return {
        kind: 'server-settings',
        summary: 'Save settings',
        scope: serverScope(params.serverId ?? '', context),
      };
    case 'startUpgrade':
      return {
        kind: 'server-upgrade',
        summary: 'Start upgrade',
        scope: serverScope(params.serverId ?? '', context),
      };
    default:
      return describeRolloutRequest(operationId, params, input, context);
  }
}

/** The refused change as the operation log keeps it (the fleet adds who asked). */
export function refusal(described: Described, at: number, error: RefusedError): Operation {
  return {
    kind: 'refused',
    at,
    change: described.kind,
    summary: described.summary,
    scope: described.scope,
    code: error.code,
    message: error.message,
  };
}
