import type { ActivityKind, ActivityScope } from '../../src/api/activity';
import type { Operation } from './operations';

type FreezeOperation = Extract<Operation, { kind: 'freeze-add' | 'freeze-end' }>;

function scope(deviceType: string | null): ActivityScope {
  return { text: deviceType ?? 'The fleet', devices: null, sites: null, server: null };
}

/** " Started inside the change freeze F1: “…”." after a change an administrator forced. */
export function overrideWords(override: { freezeId: string; reason: string } | undefined): string {
  return override
    ? ` Started inside the change freeze ${override.freezeId}: “${override.reason}”`
    : '';
}

/** A freeze added or ended, as an activity entry's kind, summary, scope and result. */
export function freezeEntry(
  operation: FreezeOperation,
  freezeName: ((id: string) => string) | undefined,
): [ActivityKind, string, ActivityScope, string] {
  if (operation.kind === 'freeze-add') {
    return [
      'freeze-add',
      `Add change freeze “${operation.name}”`,
      scope(operation.deviceType),
      `Freeze ${operation.freezeId}: no window, update or wave starts from ${operation.firstDay} to ${operation.lastDay} (${operation.timeZone}), both days included.`,
    ];
  }
  const name = freezeName?.(operation.freezeId) ?? operation.freezeId;
  return [
    'freeze-end',
    `End change freeze “${name}”`,
    scope(operation.deviceType),
    `Freeze ${operation.freezeId} ended: windows, updates and waves start again.`,
  ];
}

/** A refused freeze change, in the activity's words (see describeRequest). */
export function describeFreezeRequest(
  operationId: string,
  params: { freezeId?: string },
  input: Record<string, unknown>,
  freezeName: ((id: string) => string) | undefined,
): { kind: ActivityKind; summary: string; scope: ActivityScope } | null {
  if (operationId === 'addFreeze') {
    const deviceType = typeof input.deviceType === 'string' ? input.deviceType : null;
    const name = typeof input.name === 'string' ? input.name : '';
    return { kind: 'freeze-add', summary: `Add change freeze “${name}”`, scope: scope(deviceType) };
  }
  if (operationId === 'endFreeze') {
    const id = params.freezeId ?? '';
    return {
      kind: 'freeze-end',
      summary: `End change freeze “${freezeName?.(id) ?? id}”`,
      scope: scope(null),
    };
  }
  return null;
}
