import { ROLLOUT_STATUS_LABELS, type RolloutStatus } from '../../src/api/rollouts';
import { RefusedError } from './refusal';

/** What the refusals read of a rollout: the built-in fleet's run, or one kept for hawkBit. */
export interface RunState {
  readonly id: string;
  readonly status: RolloutStatus;
  readonly inProgress: boolean;
  readonly waves: { readonly length: number };
  readonly started: { readonly length: number };
}

/** What a rollout's state refuses an operator's step, in the operator's words. */

/** "running", "halted by its failure rule": the status as a sentence says it. */
export const statusWords = (run: RunState) => ROLLOUT_STATUS_LABELS[run.status].toLowerCase();

export const waveNotFound = (run: RunState, wave: number) =>
  new RefusedError(
    404,
    'wave_not_found',
    `Rollout ${run.id} has ${run.waves.length} waves; there is no wave ${wave}.`,
  );

/** Refuses a step the rollout's state does not allow; true when it would change nothing. */
export function refuseStep(run: RunState, step: 'pause' | 'resume' | 'halt'): boolean {
  const ended = (what: string) =>
    new RefusedError(
      409,
      'rollout_ended',
      `Rollout ${run.id} is ${statusWords(run)}, so it cannot be ${what}.`,
    );
  if (step === 'halt') {
    if (run.status === 'halted') return true;
    if (run.status === 'finished') throw ended('halted');
    return false;
  }
  if (!run.inProgress) throw ended(step === 'pause' ? 'paused' : 'resumed');
  if (step === 'pause') {
    if (run.status === 'halted-by-failures') {
      throw new RefusedError(
        409,
        'halted_by_failures',
        `Rollout ${run.id} is already halted by its failure rule: no wave starts. Retry the failed sites and resume it, or halt it.`,
      );
    }
    return run.status === 'paused';
  }
  return run.status === 'running';
}

/** Whether the wave can start now (false: it has started, nothing to do), or why not. */
export function refuseStartWave(run: RunState, wave: number): boolean {
  if (wave > run.waves.length) {
    throw waveNotFound(run, wave);
  }
  if (wave <= run.started.length) return false;
  if (!run.inProgress) {
    throw new RefusedError(
      409,
      'rollout_ended',
      `Rollout ${run.id} is ${statusWords(run)}, so no wave starts.`,
    );
  }
  if (run.status !== 'running') {
    throw new RefusedError(
      409,
      'rollout_not_running',
      `Rollout ${run.id} is ${statusWords(run)}: resume it before starting a wave.`,
    );
  }
  if (wave !== run.started.length + 1) {
    throw new RefusedError(
      409,
      'wave_not_next',
      `Wave ${run.started.length + 1} of rollout ${run.id} starts before wave ${wave}.`,
    );
  }
  return true;
}

/** Why a wave's failed sites cannot be retried: the rollout is halted, or the wave not started. */
export function refuseRetry(run: RunState, wave: number): void {
  if (run.status === 'halted') {
    throw new RefusedError(
      409,
      'rollout_ended',
      `Rollout ${run.id} is halted, so its sites cannot be retried. Update them from the site list.`,
    );
  }
  if (wave > run.waves.length) {
    throw waveNotFound(run, wave);
  }
  if (wave > run.started.length) {
    throw new RefusedError(
      409,
      'wave_not_started',
      `Wave ${wave} of rollout ${run.id} has not started, so none of its sites failed.`,
    );
  }
}

/** No site of the wave can be retried: none failed, or each failed the compatibility check. */
export const nothingToRetry = (wave: number, failed: number, version: string) =>
  new RefusedError(
    409,
    'nothing_to_retry',
    failed === 0
      ? `No site of wave ${wave} has failed, so there is nothing to retry.`
      : `The failed sites of wave ${wave} failed the compatibility check: firmware ${version} does not fit their board revision, so a retry would fail again.`,
  );

/** Why a rollout cannot be rolled back: it is not halted, or a rollback of it was started. */
export function refuseRollback(run: RunState, rolledBackBy: string | undefined): void {
  if (run.status !== 'halted') {
    throw new RefusedError(
      409,
      'not_halted',
      run.status === 'halted-by-failures'
        ? `Rollout ${run.id} was halted by its failure rule and can still be resumed. Halt it for good first, then plan the way back.`
        : `Rollout ${run.id} is ${statusWords(run)}: only a halted rollout is rolled back. Halt it first.`,
    );
  }
  if (rolledBackBy !== undefined) {
    throw new RefusedError(
      409,
      'already_rolled_back',
      `Rollout ${run.id} is rolled back by rollout ${rolledBackBy} already. Open rollout ${rolledBackBy} to follow it.`,
    );
  }
}
