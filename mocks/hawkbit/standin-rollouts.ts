/**
 * The stand-in's rollouts, as hawkBit runs them: a rollout takes the targets its filter
 * matches when it is created (`creating`, then `ready`), cut into groups in order — each group
 * takes its `targetPercentage` of the remaining targets its own filter matches, and the groups
 * must cover every target. `start` assigns the first group's targets; then, while the rollout
 * runs, each running group is judged on every pass of the executor:
 *
 * - its error condition (`THRESHOLD x`: more than x % of its targets failed) marks the group
 *   `error` and runs its error action (`PAUSE` pauses the rollout);
 * - its success condition (`THRESHOLD x`: at least x % finished), once per group, runs its
 *   success action: `NEXTGROUP` starts the next group, `PAUSE` pauses the rollout;
 * - a group whose targets have all ended is `finished`; the rollout is `finished` when no
 *   group is running or scheduled.
 *
 * `pause`, `resume`, `triggerNextGroup` (only while running) and `stop` (cancels what has
 * not ended; a panel past its download refuses, and installs) answer 400 in a state that does
 * not allow them, as hawkBit does. Approval is off, as in hawkBit's default configuration.
 */
import { exception, notFound, type Fields } from './standin-paging';
import { RsqlError } from './rsql-eval';
import type { StandinTarget } from './standin-world';

/** hawkBit's limit on a target filter's length. */
export const MAX_FILTER = 1024;

export interface RolloutHost {
  now(): number;
  /** The targets a filter matches, in controller-id order (throws RsqlError). */
  matching(filter: string): readonly StandinTarget[];
  setExists(id: number): boolean;
  /** Assigns the set to a target for a group: the action's id, or undefined when refused. */
  assign(target: StandinTarget, setId: number, rollout: number, group: number): number | undefined;
  /** Where the action stands: hawkBit's detail status (`finished`, `error`, `canceled`, …). */
  detailOf(controllerId: string, actionId: number): string;
  /** Cancels an action that has not ended; false when the target refuses. */
  cancel(controllerId: string, actionId: number): boolean;
}

type Condition = { condition: 'THRESHOLD'; expression: string } | undefined;

interface Group {
  id: number;
  name: string;
  targetFilterQuery: string | undefined;
  targetPercentage: number;
  successCondition: Condition;
  successAction: { action: string; expression?: string } | undefined;
  errorCondition: Condition;
  errorAction: { action: string; expression?: string } | undefined;
  status: 'creating' | 'ready' | 'scheduled' | 'running' | 'finished' | 'error';
  targets: StandinTarget[];
  /** Each assigned target's action. */
  actions: Map<string, number>;
  successDone: boolean;
  createdAt: number;
}

interface Rollout {
  id: number;
  name: string;
  description: string | undefined;
  targetFilterQuery: string;
  distributionSetId: number;
  status: 'creating' | 'ready' | 'running' | 'paused' | 'stopped' | 'finished';
  groups: Group[];
  createdAt: number;
  lastModifiedAt: number;
}

interface GroupBody {
  name?: string;
  description?: string;
  targetFilterQuery?: string;
  targetPercentage?: number;
  successCondition?: Condition;
  successAction?: Group['successAction'];
  errorCondition?: Condition;
  errorAction?: Group['errorAction'];
}

interface CreateBody extends GroupBody {
  name: string;
  distributionSetId?: number;
  amountGroups?: number;
  groups?: GroupBody[];
}

const ENDED = new Set(['finished', 'error', 'canceled']);

const illegal = (message: string) =>
  exception(400, 'hawkbit.server.error.rollout.illegalstate', message);

const threshold = (condition: Condition) =>
  condition ? Number.parseFloat(condition.expression) : undefined;

export function standinRollouts(host: RolloutHost) {
  const rollouts: Rollout[] = [];
  let nextGroupId = 1;
  /** The clock's instant of the executor's last pass, and whether anything changed since. */
  let passedAt = Number.NaN;
  let dirty = false;

  function startGroup(rollout: Rollout, group: Group) {
    group.status = 'running';
    for (const target of group.targets) {
      const action = host.assign(target, rollout.distributionSetId, rollout.id, group.id);
      if (action !== undefined) group.actions.set(target.controllerId, action);
    }
    dirty = true;
  }

  /** A group's targets by hawkBit's statuses. */
  function countsOf(group: Group) {
    const counts = { running: 0, notstarted: 0, scheduled: 0, cancelled: 0, finished: 0, error: 0 };
    for (const target of group.targets) {
      if (group.status === 'scheduled' || group.status === 'ready' || group.status === 'creating') {
        counts.scheduled += 1;
        continue;
      }
      const action = group.actions.get(target.controllerId);
      const detail = action === undefined ? 'canceled' : host.detailOf(target.controllerId, action);
      if (detail === 'finished') counts.finished += 1;
      else if (detail === 'error') counts.error += 1;
      else if (detail === 'canceled') counts.cancelled += 1;
      else counts.running += 1;
    }
    return counts;
  }

  /** One pass of hawkBit's rollout executor. */
  function execute() {
    const at = host.now();
    if (at === passedAt && !dirty) return;
    passedAt = at;
    dirty = false;
    for (const rollout of rollouts) {
      if (rollout.status === 'creating') {
        rollout.status = 'ready';
        for (const group of rollout.groups) group.status = 'ready';
        continue;
      }
      if (rollout.status !== 'running' && rollout.status !== 'paused') continue;
      for (const [index, group] of rollout.groups.entries()) {
        if (group.status !== 'running') continue;
        const counts = countsOf(group);
        const total = Math.max(1, group.targets.length);
        if (counts.running === 0) group.status = 'finished';
        if (rollout.status !== 'running') continue;
        const errorAt = threshold(group.errorCondition);
        if (errorAt !== undefined && (counts.error / total) * 100 > errorAt) {
          group.status = 'error';
          if (group.errorAction?.action === 'PAUSE') rollout.status = 'paused';
          continue;
        }
        const successAt = threshold(group.successCondition);
        if (
          !group.successDone &&
          successAt !== undefined &&
          (counts.finished / total) * 100 >= successAt
        ) {
          group.successDone = true;
          const next = rollout.groups[index + 1];
          if (next?.status === 'scheduled') {
            if (group.successAction?.action === 'PAUSE') rollout.status = 'paused';
            else startGroup(rollout, next);
          }
        }
      }
      if (
        rollout.groups.every((group) => group.status === 'finished' || group.status === 'error')
      ) {
        rollout.status = 'finished';
      }
    }
  }

  const groupBody = (rollout: Rollout, group: Group) => ({
    id: group.id,
    name: group.name,
    status: group.status,
    createdAt: group.createdAt,
    ...(group.targetFilterQuery ? { targetFilterQuery: group.targetFilterQuery } : {}),
    targetPercentage: group.targetPercentage,
    ...(group.successCondition ? { successCondition: group.successCondition } : {}),
    ...(group.successAction ? { successAction: group.successAction } : {}),
    ...(group.errorCondition ? { errorCondition: group.errorCondition } : {}),
    ...(group.errorAction ? { errorAction: group.errorAction } : {}),
    totalTargets: group.targets.length,
    totalTargetsPerStatus: countsOf(group),
    _links: { self: { href: `/rest/v1/rollouts/${rollout.id}/deploygroups/${group.id}` } },
  });

  function rolloutBody(rollout: Rollout) {
    const perStatus: Record<string, number> = {};
    for (const group of rollout.groups) {
      for (const [status, count] of Object.entries(countsOf(group))) {
        perStatus[status] = (perStatus[status] ?? 0) + count;
      }
    }
    return {
      id: rollout.id,
      name: rollout.name,
      ...(rollout.description ? { description: rollout.description } : {}),
      status: rollout.status,
      targetFilterQuery: rollout.targetFilterQuery,
      distributionSetId: rollout.distributionSetId,
      createdAt: rollout.createdAt,
      lastModifiedAt: rollout.lastModifiedAt,
      totalGroups: rollout.groups.length,
      totalTargets: rollout.groups.reduce((sum, group) => sum + group.targets.length, 0),
      totalTargetsPerStatus: perStatus,
      _links: { self: { href: `/rest/v1/rollouts/${rollout.id}` } },
    };
  }

  function create(body: CreateBody): Response {
    const set = body.distributionSetId;
    if (set === undefined || !host.setExists(set)) return notFound(`Distribution set ${set}`);
    const filter = body.targetFilterQuery ?? '';
    const filters = [filter, ...(body.groups ?? []).map((group) => group.targetFilterQuery ?? '')];
    if (filters.some((each) => each.length > MAX_FILTER)) {
      return exception(
        400,
        'hawkbit.server.error.repo.constraintViolation',
        `A target filter may be at most ${MAX_FILTER} characters long.`,
      );
    }
    let remaining: StandinTarget[];
    const asked: GroupBody[] =
      body.groups ?? Array.from({ length: body.amountGroups ?? 1 }, () => ({}));
    const parts: StandinTarget[][] = [];
    try {
      remaining = [...host.matching(filter)];
      if (remaining.length === 0) {
        return exception(
          400,
          'hawkbit.server.error.rollout.noTargets',
          'The rollout’s target filter matches no target.',
        );
      }
      for (const [index, group] of asked.entries()) {
        const matching = group.targetFilterQuery
          ? new Set(host.matching(group.targetFilterQuery).map((target) => target.controllerId))
          : undefined;
        const candidates = matching
          ? remaining.filter((target) => matching.has(target.controllerId))
          : remaining;
        const share = body.groups ? (group.targetPercentage ?? 100) : 100 / (asked.length - index);
        const taken = candidates.slice(0, Math.round((share / 100) * candidates.length));
        const takenIds = new Set(taken.map((target) => target.controllerId));
        remaining = remaining.filter((target) => !takenIds.has(target.controllerId));
        parts.push(taken);
      }
    } catch (error) {
      if (!(error instanceof RsqlError)) throw error;
      return exception(400, 'hawkbit.server.error.rest.param.rsqlInvalidField', error.message);
    }
    if (remaining.length > 0) {
      return exception(
        400,
        'hawkbit.server.error.rollout.groupsDoNotCoverTargets',
        `The groups leave ${remaining.length} of the rollout’s targets out.`,
      );
    }
    if (parts.some((part) => part.length === 0)) {
      return exception(400, 'hawkbit.server.error.rollout.emptyGroup', 'A group has no target.');
    }
    const at = host.now();
    const rollout: Rollout = {
      id: rollouts.length + 1,
      name: body.name,
      description: body.description,
      targetFilterQuery: filter,
      distributionSetId: set,
      status: 'creating',
      createdAt: at,
      lastModifiedAt: at,
      groups: asked.map((group, index) => ({
        id: nextGroupId++,
        name: group.name ?? `group-${index + 1}`,
        targetFilterQuery: group.targetFilterQuery,
        targetPercentage: group.targetPercentage ?? 100,
        successCondition: group.successCondition ?? body.successCondition,
        successAction: group.successAction ?? body.successAction,
        errorCondition: group.errorCondition ?? body.errorCondition,
        errorAction: group.errorAction ?? body.errorAction,
        status: 'creating',
        targets: parts[index] ?? [],
        actions: new Map(),
        successDone: false,
        createdAt: at,
      })),
    };
    rollouts.push(rollout);
    dirty = true;
    return Response.json(rolloutBody(rollout), { status: 201 });
  }

  function step(rollout: Rollout, operationId: string): Response {
    const done = () => {
      rollout.lastModifiedAt = host.now();
      dirty = true;
      return new Response(null, { status: 200 });
    };
    switch (operationId) {
      case 'start': {
        const [first] = rollout.groups;
        if (rollout.status !== 'ready' || !first) {
          return illegal(
            `Rollout ${rollout.id} is ${rollout.status}: only a ready rollout starts.`,
          );
        }
        rollout.status = 'running';
        for (const group of rollout.groups) group.status = 'scheduled';
        startGroup(rollout, first);
        return done();
      }
      case 'pause':
        if (rollout.status !== 'running') {
          return illegal(
            `Rollout ${rollout.id} is ${rollout.status}: only a running rollout pauses.`,
          );
        }
        rollout.status = 'paused';
        return done();
      case 'resume':
        if (rollout.status !== 'paused') {
          return illegal(
            `Rollout ${rollout.id} is ${rollout.status}: only a paused rollout resumes.`,
          );
        }
        rollout.status = 'running';
        return done();
      case 'triggerNextGroup': {
        const next = rollout.groups.find((group) => group.status === 'scheduled');
        if (rollout.status !== 'running' || !next) {
          return illegal(
            `Rollout ${rollout.id} is ${rollout.status}${next ? '' : ' with no scheduled group'}: no next group starts.`,
          );
        }
        startGroup(rollout, next);
        return done();
      }
      case 'stop':
        if (rollout.status === 'finished' || rollout.status === 'stopped') {
          return illegal(`Rollout ${rollout.id} is ${rollout.status} already.`);
        }
        for (const group of rollout.groups) {
          for (const [controllerId, action] of group.actions) {
            if (!ENDED.has(host.detailOf(controllerId, action))) host.cancel(controllerId, action);
          }
          if (group.status !== 'error') group.status = 'finished';
        }
        rollout.status = 'stopped';
        return done();
      default:
        return illegal(`The stand-in does not ${operationId} rollouts.`);
    }
  }

  /**
   * A rollout operation of hawkBit's API, or undefined for another; `listed` pages a list as
   * hawkBit does, `targets` a group's targets.
   */
  function serve(
    operationId: string,
    params: Record<string, string>,
    body: unknown,
    listed: <T>(items: readonly T[], fields: Fields<T>, shape: (item: T) => unknown) => Response,
    targets: (targets: readonly StandinTarget[]) => Response,
  ): Response | undefined {
    if (!ROLLOUT_OPERATIONS.has(operationId)) return undefined;
    execute();
    if (operationId === 'create') return create(body as CreateBody);
    if (operationId === 'getRollouts') return listed(rollouts, ROLLOUT_FIELDS, rolloutBody);
    const rollout = rollouts.find((each) => String(each.id) === params.rolloutId);
    if (!rollout) return notFound(`Rollout ${params.rolloutId}`);
    if (operationId === 'getRollout') return Response.json(rolloutBody(rollout));
    if (operationId === 'getRolloutGroups') {
      return listed(rollout.groups, GROUP_FIELDS, (group) => groupBody(rollout, group));
    }
    if (operationId === 'getRolloutGroup' || operationId === 'getRolloutGroupTargets') {
      const group = rollout.groups.find((each) => String(each.id) === params.groupId);
      if (!group) return notFound(`Rollout group ${params.groupId}`);
      return operationId === 'getRolloutGroup'
        ? Response.json(groupBody(rollout, group))
        : targets(group.targets);
    }
    return step(rollout, operationId);
  }

  return { execute, serve };
}

const ROLLOUT_OPERATIONS = new Set([
  'create',
  'getRollouts',
  'getRollout',
  'getRolloutGroups',
  'getRolloutGroup',
  'getRolloutGroupTargets',
  'start',
  'pause',
  'resume',
  'triggerNextGroup',
  'stop',
]);

/** The permission each rollout operation needs, as hawkBit's `@PreAuthorize` says. */
export const ROLLOUT_NEEDS: Record<string, string> = {
  create: 'CREATE_ROLLOUT',
  getRollouts: 'READ_ROLLOUT',
  getRollout: 'READ_ROLLOUT',
  getRolloutGroups: 'READ_ROLLOUT',
  getRolloutGroup: 'READ_ROLLOUT',
  getRolloutGroupTargets: 'READ_ROLLOUT',
  start: 'HANDLE_ROLLOUT',
  pause: 'HANDLE_ROLLOUT',
  resume: 'HANDLE_ROLLOUT',
  triggerNextGroup: 'HANDLE_ROLLOUT',
  stop: 'HANDLE_ROLLOUT',
};

const ROLLOUT_FIELDS: Fields<Rollout> = {
  query: {
    id: (rollout) => rollout.id,
    name: (rollout) => rollout.name,
    status: (rollout) => rollout.status,
  },
  sort: {
    ID: (rollout) => rollout.id,
    NAME: (rollout) => rollout.name,
    CREATEDAT: (rollout) => rollout.createdAt,
  },
};

const GROUP_FIELDS: Fields<Group> = {
  query: { id: (group) => group.id, name: (group) => group.name, status: (group) => group.status },
  sort: { ID: (group) => group.id, NAME: (group) => group.name },
};

export type StandinRollouts = ReturnType<typeof standinRollouts>;
export type { Rollout as StandinRollout, Group as StandinRolloutGroup };
