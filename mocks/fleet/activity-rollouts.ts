import type { ActivityKind, ActivityScope } from '../../src/api/activity';
import { plural } from '../../src/lib/format';
import { sitesScope, type ActivityContext, type Described } from './activity';

interface Named {
  deviceType: string;
  rolloutId: string;
}

/** What a rollout's entry says of a change: the built-in fleet's operation, or hawkBit's. */
export type RolloutChange = Named &
  (
    | {
        kind: 'rollout-start';
        waves: readonly { readonly length: number }[];
        /** The halted rollout it rolls back. */
        rollbackOf?: string;
      }
    | { kind: 'rollout-step'; step: 'pause' | 'resume' | 'halt' }
    | { kind: 'rollout-advance'; wave: number }
    | { kind: 'rollout-retry'; wave: number; sites: { readonly length: number } }
  );

/** A rollout's sites, as the activity names them: "Rollout 2 of Nord GSM: 1,234 sites". */
function rolloutScope(
  deviceType: string,
  rolloutId: string,
  context: ActivityContext,
): ActivityScope {
  const sites = context.rolloutSites(deviceType, rolloutId);
  const count = context.rolloutSiteCount?.(deviceType, rolloutId) ?? sites.length;
  const named = sitesScope(deviceType, sites);
  return {
    ...named,
    sites: named.sites && { ...named.sites, count },
    text: `Rollout ${rolloutId} of ${deviceType}: ${plural(count, 'site')}`,
  };
}

const STEP_KINDS = {
  pause: ['rollout-pause', 'Pause rollout', 'Paused: no further wave starts.'],
  resume: ['rollout-resume', 'Resume rollout', 'Resumed.'],
  halt: ['rollout-halt', 'Halt rollout', 'Halted: later waves released.'],
} as const;

/** A rollout operation as an accepted activity entry's kind, summary, scope and result. */
export function rolloutEntry(
  operation: RolloutChange,
  context: ActivityContext,
): [ActivityKind, string, ActivityScope, string] {
  const scope = rolloutScope(operation.deviceType, operation.rolloutId, context);
  switch (operation.kind) {
    case 'rollout-start':
      return operation.rollbackOf
        ? [
            'rollout-start',
            `Roll back rollout ${operation.rollbackOf} in ${plural(operation.waves.length, 'wave')}`,
            scope,
            `Rollout ${operation.rolloutId} takes the sites of rollout ${operation.rollbackOf} back to the versions they had. Wave 1 queued: ${plural(operation.waves[0]?.length ?? 0, 'site')}.`,
          ]
        : [
            'rollout-start',
            `Start a staged rollout in ${plural(operation.waves.length, 'wave')}`,
            scope,
            `Wave 1 queued: ${plural(operation.waves[0]?.length ?? 0, 'site')}.`,
          ];
    case 'rollout-step': {
      const [kind, summary, text] = STEP_KINDS[operation.step];
      return [kind, summary, scope, text];
    }
    case 'rollout-advance':
      return [
        'rollout-advance',
        `Start wave ${operation.wave} now`,
        scope,
        `Wave ${operation.wave} started without waiting for its rule.`,
      ];
    case 'rollout-retry':
      return [
        'rollout-retry',
        `Retry the failed sites of wave ${operation.wave}`,
        scope,
        `Queued ${plural(operation.sites.length, 'site')} again.`,
      ];
  }
}

/** A refused rollout request, in the activity's words (see describeRequest). */
export function describeRolloutRequest(
  operationId: string,
  params: { deviceType?: string; rolloutId?: string; wave?: number },
  input: Record<string, unknown>,
  context: ActivityContext,
): Described | null {
  const deviceType = params.deviceType ?? '';
  const scope = () => rolloutScope(deviceType, params.rolloutId ?? '', context);
  switch (operationId) {
    case 'startRollout': {
      const plan = input.plan as { waves?: unknown[] } | undefined;
      return {
        kind: 'rollout-start',
        summary: `Start a staged rollout in ${plural((plan?.waves?.length ?? 0) + 1, 'wave')} or more`,
        scope: { ...sitesScope(deviceType, []), text: `${deviceType} sites` },
      };
    }
    case 'startRollback':
      return {
        kind: 'rollout-start',
        summary: `Roll back rollout ${params.rolloutId ?? ''}`,
        scope: scope(),
      };
    case 'pauseRollout':
      return { kind: 'rollout-pause', summary: 'Pause rollout', scope: scope() };
    case 'resumeRollout':
      return { kind: 'rollout-resume', summary: 'Resume rollout', scope: scope() };
    case 'haltRollout':
      return { kind: 'rollout-halt', summary: 'Halt rollout', scope: scope() };
    case 'startRolloutWave':
      return {
        kind: 'rollout-advance',
        summary: `Start wave ${params.wave ?? ''} now`,
        scope: scope(),
      };
    case 'retryRolloutWave':
      return {
        kind: 'rollout-retry',
        summary: `Retry the failed sites of wave ${params.wave ?? ''}`,
        scope: scope(),
      };
    default:
      return null;
  }
}
