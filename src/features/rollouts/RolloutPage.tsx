import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ROLLOUT_LEFT_OUT_LABELS, ROLLOUT_STATUS_LABELS, type Rollout } from '@/api/rollouts';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { MutationError } from '@/components/MutationError';
import { Notice } from '@/components/Notice';
import { PageHeader } from '@/components/PageHeader';
import { ParentBreadcrumb } from '@/components/ParentBreadcrumb';
import { PermittedButton } from '@/components/PermittedButton';
import { plural } from '@/lib/format';
import { newRequestId } from '@/lib/request-id';
import { useTimeDisplay } from '@/lib/time-display';
import { useDocumentTitle } from '@/lib/use-document-title';
import { formatZonedInstant } from '@/lib/zoned-format';
import {
  rolloutQueries,
  useRetryWave,
  useRolloutStep,
  useStartWave,
  type RolloutStep,
} from '@/queries/rollouts';
import { useFeature } from '@/queries/session';
import { siteQueries } from '@/queries/sites';
import { formatRange, rulesText } from './rollout-format';
import { WaveCard } from './WaveCard';

// The way back loads when first opened.
const RollbackDialog = lazy(() =>
  import('./RollbackDialog').then((module) => ({ default: module.RollbackDialog })),
);

function HaltDialog({
  rollout,
  onHalt,
  onClose,
  pending,
  error,
}: {
  rollout: Rollout;
  onHalt: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}) {
  const titleId = useId();
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>Halt rollout {rollout.id}?</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            Updates that have not finished their download are cancelled. Sites past their download —
            checking, ready, waiting for a disarmed partition or rebooting — are past the point of
            no return: they install. The waves not yet started are released, and a halted rollout
            cannot be resumed.
          </DialogContentText>
          <MutationError error={error} what="The rollout was not halted." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep it running</Button>
        <Button color="error" variant="contained" onClick={onHalt} disabled={pending}>
          Halt rollout
        </Button>
      </DialogActions>
    </Dialog>
  );
}

const STEP_NOTICES: Record<RolloutStep, string> = {
  pause: 'paused: the started waves go on, no wave starts',
  resume: 'resumed',
  halt: 'halted',
};

/** One staged rollout: its state, waves, forecast and the operator's steps. */
export function RolloutPage() {
  const params = useParams();
  const deviceType = params.deviceType ?? '';
  const rolloutId = params.rolloutId ?? '';
  useDocumentTitle(`Rollout ${rolloutId}`, deviceType, 'Site software update');
  const [display] = useTimeDisplay();
  const rollout = useQuery(rolloutQueries.detail(deviceType, rolloutId));
  const step = useRolloutStep(deviceType, rolloutId);
  const retry = useRetryWave(deviceType, rolloutId);
  const startWave = useStartWave(deviceType, rolloutId);
  const [halting, setHalting] = useState(false);
  const [rollingBack, setRollingBack] = useState(false);
  // A backend without rollbacks (hawkBit, so far) offers no way back.
  const rollbacks = useFeature('rollbacks');
  const [notice, setNotice] = useState<string | null>(null);
  const data = rollout.data;
  // The type's recalled versions, to say so of a rollout that installed one.
  const stats = useQuery(siteQueries.stats());
  const recalled = stats.data?.items
    .find((type) => type.deviceType === deviceType)
    ?.recalled?.some((recall) => recall.version === data?.targetVersion);
  const stopped = data?.status === 'paused' || data?.status === 'halted-by-failures';

  const run = (which: RolloutStep) =>
    step.mutate(which, {
      onSuccess: () => {
        setHalting(false);
        setNotice(`Rollout ${rolloutId} is ${STEP_NOTICES[which]}.`);
      },
    });
  const onStart = (wave: number) =>
    startWave.mutate(wave, {
      onSuccess: () => setNotice(`Wave ${wave} has started, without waiting for its rule.`),
    });
  const onRetry = (wave: number) =>
    retry.mutate(
      { wave, requestId: newRequestId() },
      { onSuccess: () => setNotice(`The failed sites of wave ${wave} are queued again.`) },
    );

  const typePath = `/firmware/${encodeURIComponent(deviceType)}`;
  return (
    <Stack spacing={2}>
      <PageHeader
        title={`Rollout ${rolloutId} of ${deviceType}${data ? ` to ${data.targetVersion}${recalled ? ' (recalled)' : ''}` : ''}`}
        breadcrumb={
          <ParentBreadcrumb
            parents={[{ label: 'Site software update', to: '/firmware' }]}
            label={deviceType}
            to={typePath}
            current={`Rollout ${rolloutId}`}
          />
        }
      />
      {rollout.isError && !data ? (
        <QueryErrorAlert query={rollout} title={`Rollout ${rolloutId} could not be loaded.`} />
      ) : null}
      {rollout.isPending ? <Skeleton variant="rounded" height={240} /> : null}
      {data ? (
        <>
          <Typography>
            <strong>{ROLLOUT_STATUS_LABELS[data.status]}</strong> · {plural(data.sites, 'site')} in{' '}
            {plural(data.waves.length, 'wave')} · started{' '}
            {formatZonedInstant(new Date(data.startedAt), display.zone, display.locale)}
            {data.startedBy ? ` by ${data.startedBy}` : ''}
            {data.approval
              ? `, approved by ${data.approval.approvedBy} (request ${data.approval.id})`
              : ''}
            {data.endedAt
              ? ` · ended ${formatZonedInstant(new Date(data.endedAt), display.zone, display.locale)}`
              : ''}
          </Typography>
          {data.rollbackOf || data.rolledBackBy ? (
            <Typography role="note">
              {data.rollbackOf ? (
                <>
                  Rolls back{' '}
                  <Link component={RouterLink} to={`${typePath}/rollouts/${data.rollbackOf}`}>
                    rollout {data.rollbackOf}
                  </Link>
                  : its sites go back to the versions they had before it.
                </>
              ) : null}
              {data.rolledBackBy ? (
                <>
                  Rolled back by{' '}
                  <Link component={RouterLink} to={`${typePath}/rollouts/${data.rolledBackBy}`}>
                    rollout {data.rolledBackBy}
                  </Link>
                  .
                </>
              ) : null}
            </Typography>
          ) : null}
          {data.reason ? (
            <Alert
              severity={
                data.status === 'halted-by-failures'
                  ? 'error'
                  : data.status === 'finished'
                    ? 'success'
                    : data.status === 'halted'
                      ? 'warning'
                      : 'info'
              }
            >
              {data.reason}
              {data.status === 'halted-by-failures'
                ? ' Retry the failed sites, then resume it, or halt it.'
                : ''}
            </Alert>
          ) : null}
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {data.status === 'running' ? (
              <PermittedButton
                permission="update-sites"
                variant="outlined"
                disabled={step.isPending}
                onClick={() => run('pause')}
              >
                Pause
              </PermittedButton>
            ) : null}
            {data.status === 'paused' || data.status === 'halted-by-failures' ? (
              <PermittedButton
                permission="update-sites"
                variant="contained"
                disabled={step.isPending}
                onClick={() => run('resume')}
              >
                Resume
              </PermittedButton>
            ) : null}
            {data.status !== 'halted' && data.status !== 'finished' ? (
              <PermittedButton
                permission="cancel-site-updates"
                variant="outlined"
                color="error"
                onClick={() => setHalting(true)}
              >
                Halt…
              </PermittedButton>
            ) : null}
            {data.status === 'halted' && !data.rolledBackBy && rollbacks ? (
              <PermittedButton
                permission="update-sites"
                variant="outlined"
                onClick={() => setRollingBack(true)}
              >
                Plan the way back…
              </PermittedButton>
            ) : null}
          </Stack>
          {halting ? null : <MutationError error={step.error} what="The rollout did not change." />}
          <MutationError error={retry.error} what="No site was retried." />
          <MutationError error={startWave.error} what="The wave did not start." />
          <section aria-label="Forecast">
            <Typography variant="body1">
              {data.forecast.finish
                ? `${stopped ? 'If resumed now, expected' : 'Expected'} to finish ${formatRange(data.forecast.finish, display)}.`
                : data.status === 'finished' || data.status === 'halted'
                  ? 'The rollout has ended.'
                  : 'No finish can be forecast.'}
              {data.forecast.waiting > 0
                ? ` ${plural(data.forecast.waiting, 'site')} wait or will wait for a disarmed partition or a connection, and finish when that comes.`
                : ''}
            </Typography>
            {data.forecast.finish || (data.status !== 'finished' && data.status !== 'halted') ? (
              <Typography variant="body2" color="text.secondary">
                {data.forecast.finish ? 'From the timings seen so far: ' : ''}
                {data.forecast.basis}
              </Typography>
            ) : null}
          </section>
          <Typography variant="body2" color="text.secondary">
            {rulesText(data.rules)}
          </Typography>
          {data.waves.map((wave) => (
            <WaveCard
              key={wave.number}
              wave={wave}
              display={display}
              onRetry={data.status === 'halted' ? null : onRetry}
              retrying={retry.isPending}
              stopped={stopped}
              onStart={data.status === 'running' ? onStart : null}
              sitesHref={`${typePath}?rollout=${rolloutId}&wave=${wave.number}`}
              starting={startWave.isPending}
            />
          ))}
          {data.leftOut.length > 0 ? (
            <Typography variant="body2" color="text.secondary">
              Left out when it started:{' '}
              {data.leftOut
                .map(
                  (group) =>
                    `${plural(group.count, 'site')} ${ROLLOUT_LEFT_OUT_LABELS[group.reason]}`,
                )
                .join('; ')}
              .
            </Typography>
          ) : null}
          {rollingBack ? (
            <Suspense fallback={null}>
              <RollbackDialog
                deviceType={deviceType}
                rolloutId={rolloutId}
                onClose={() => setRollingBack(false)}
              />
            </Suspense>
          ) : null}
          {halting ? (
            <HaltDialog
              rollout={data}
              pending={step.isPending}
              error={step.error}
              onClose={() => setHalting(false)}
              onHalt={() => run('halt')}
            />
          ) : null}
        </>
      ) : null}
      <Notice message={notice} onClose={() => setNotice(null)} />
    </Stack>
  );
}
