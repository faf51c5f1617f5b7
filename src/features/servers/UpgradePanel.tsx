import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import type { JobStep, ServerDetail, UpgradeJob } from '@/api/servers';
import { MutationError } from '@/components/MutationError';
import { PermittedButton } from '@/components/PermittedButton';
import { formatSize, plural } from '@/lib/format';
import { newRequestId } from '@/lib/request-id';
import { useStartUpgrade } from '@/queries/servers';

const stepLabels: Record<JobStep, string> = {
  check: 'Check registration and connection',
  download: 'Download into the cache',
  stage: 'Stage (previous set kept as backup)',
  restart: 'Restart',
  active: 'Active',
};

const stepStateWords = {
  pending: 'Pending',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
} as const;

/** The plan in words: what changes, the restart window, disk needed against free. */
function PlanFacts({ server }: { server: ServerDetail }) {
  const { plan } = server;
  const { disk } = plan;
  const enough = disk.requiredBytes <= disk.freeBytes;
  return (
    <Stack spacing={1}>
      <Typography>
        {plan.fullSync
          ? 'This server has no module information yet: the first upgrade is a full synchronization with the portal-defined module set.'
          : plan.changes === 0
            ? 'The installed module set matches the target versions: there is nothing to upgrade.'
            : `${plural(plan.changes, 'module')} will change; ${formatSize(plan.downloadBytes)} to download.`}
      </Typography>
      <Typography>
        Restart window: Banalytics is unavailable for about {plural(plan.restartMinutes, 'minute')}{' '}
        while it restarts. {plan.restartHow}
      </Typography>
      <Typography color={enough ? 'text.primary' : 'error'}>
        Disk space needed: {formatSize(disk.requiredBytes)} (active {formatSize(disk.activeBytes)} +
        staged {formatSize(disk.stagedBytes)} + backup {formatSize(disk.backupBytes)} + models{' '}
        {formatSize(disk.modelsBytes)}); free: {formatSize(disk.freeBytes)}.
        {enough ? '' : ' Not enough: free up space or choose smaller versions.'}
      </Typography>
    </Stack>
  );
}

function JobSteps({ job }: { job: UpgradeJob }) {
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle1" component="h3">
        {job.state === 'running'
          ? 'Upgrade running'
          : job.state === 'succeeded'
            ? 'Last upgrade succeeded'
            : 'Last upgrade failed'}
      </Typography>
      <ol aria-label="Upgrade steps" style={{ margin: 0, paddingLeft: 20 }}>
        {job.steps.map((step) => (
          <li key={step.step}>
            <strong>{stepLabels[step.step]}</strong>: {stepStateWords[step.state]}
            {step.message ? ` — ${step.message}` : ''}
            {step.state === 'running' ? (
              <LinearProgress
                variant="determinate"
                value={step.progress * 100}
                aria-label={`${stepLabels[step.step]} progress`}
                sx={{ maxWidth: 320, mt: 0.5 }}
              />
            ) : null}
          </li>
        ))}
      </ol>
      {job.failure ? (
        <Alert severity="error" role="alert">
          {job.failure}
        </Alert>
      ) : null}
    </Stack>
  );
}

function StartUpgradeDialog({ server, onClose }: { server: ServerDetail; onClose: () => void }) {
  const titleId = useId();
  const [requestId] = useState(newRequestId);
  const start = useStartUpgrade(server.id);
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>Start upgrade on {server.name}?</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <PlanFacts server={server} />
          {server.plan.criticalWork.length > 0 ? (
            <Alert severity="warning" role="note">
              Running now: {server.plan.criticalWork.join('; ')}. The restart interrupts this work:
              start during a maintenance window unless the downtime is acceptable.
            </Alert>
          ) : null}
          <Typography color="text.secondary">
            User settings and stored video are kept. If the new set does not start, the previous one
            is restored from the backup.
          </Typography>
          <MutationError error={start.error} what="The upgrade did not start." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          color="warning"
          disabled={start.isPending || start.isError}
          onClick={() => start.mutate(requestId, { onSuccess: onClose })}
        >
          Start upgrade
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Upgrade: the plan, "Start upgrade" with its confirmation, and the job step by step. */
export function UpgradePanel({ server }: { server: ServerDetail }) {
  const [confirming, setConfirming] = useState(false);
  const running = server.job?.state === 'running';
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={2} component="section" aria-labelledby="upgrade-heading">
        <Typography variant="h6" component="h2" id="upgrade-heading">
          Upgrade
        </Typography>
        {!server.registered ? (
          <Alert severity="warning" role="note">
            This server has no registered identifier with the portal: an upgrade request will be
            cancelled until it is registered in Portal Integration.
          </Alert>
        ) : !server.online ? (
          <Alert severity="warning" role="note">
            This server is not connected to the portal: an upgrade request will be cancelled until
            Portal Integration is online.
          </Alert>
        ) : null}
        {server.settings.updateType === 'on-boot' ? (
          <Alert severity="info" role="note">
            Software upgrade on boot: the server also applies the saved target set by itself the
            next time Banalytics starts.
          </Alert>
        ) : null}
        <PlanFacts server={server} />
        {server.lastResult && server.lastResult.outcome !== 'succeeded' && !running ? (
          <Alert severity={server.lastResult.outcome === 'failed' ? 'error' : 'warning'}>
            {server.lastResult.message}
          </Alert>
        ) : null}
        <div>
          <PermittedButton
            permission="upgrade-servers"
            variant="contained"
            disabled={running}
            onClick={() => setConfirming(true)}
          >
            Start upgrade
          </PermittedButton>
          {running ? (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              Only one synchronization runs at a time: wait for this one to finish.
            </Typography>
          ) : (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              The upgrade installs the saved target versions.
            </Typography>
          )}
        </div>
        {server.job ? <JobSteps job={server.job} /> : null}
      </Stack>
      {confirming ? (
        <StartUpgradeDialog server={server} onClose={() => setConfirming(false)} />
      ) : null}
    </Paper>
  );
}
