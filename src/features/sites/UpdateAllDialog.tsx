import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import type { LeftOutReason, UpdateAllPlan } from '@/api/sites';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { MutationError } from '@/components/MutationError';
import { plural } from '@/lib/format';
import { newRequestId } from '@/lib/request-id';
import { rolloutQueries } from '@/queries/rollouts';
import { siteQueries, useUpdateAll } from '@/queries/sites';

const reasonWords: Record<LeftOutReason, string> = {
  'already-updating': 'already updating',
  'no-ip-channel': 'no IP channel: only Ethernet and GPRS sites can be updated remotely',
  held: 'held on their version',
};

function LeftOut({ plan }: { plan: UpdateAllPlan }) {
  if (plan.leftOut.length === 0) return null;
  return (
    <div>
      <Typography variant="subtitle2" component="h3">
        Left out
      </Typography>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {plan.leftOut.map((group) => (
          <li key={group.reason}>
            {plural(group.count, 'site')}, {reasonWords[group.reason]}: {group.sites.join(', ')}
            {group.count > group.sites.length
              ? ` and ${group.count - group.sites.length} more`
              : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface UpdateAllDialogProps {
  deviceType: string;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** "Update software at all sites": says what will be queued and left out, then queues once. */
export function UpdateAllDialog({ deviceType, onClose, onDone }: UpdateAllDialogProps) {
  const titleId = useId();
  // One id per confirmation: a double click or a retried request queues once.
  const [requestId] = useState(newRequestId);
  const plan = useQuery(siteQueries.plan(deviceType));
  // A staged rollout in progress queues its sites wave by wave: updating all would undo it.
  const rollouts = useQuery(rolloutQueries.list(deviceType));
  const activeRollout = rollouts.data?.active ?? null;
  const updateAll = useUpdateAll(deviceType);
  const toQueue = activeRollout ? 0 : (plan.data?.toQueue ?? 0);

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>Update software at all sites</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {plan.isPending ? <DialogContentText>Counting the sites…</DialogContentText> : null}
          {plan.isError ? (
            <QueryErrorAlert query={plan} title="The sites to update could not be counted." />
          ) : null}
          {activeRollout ? (
            <Alert severity="info" role="note">
              Rollout {activeRollout} of {deviceType} is in progress: it queues its sites wave by
              wave. Halt it, or let it finish, before updating all sites.{' '}
              <Link
                component={RouterLink}
                to={`/firmware/${encodeURIComponent(deviceType)}/rollouts/${activeRollout}`}
              >
                Open rollout {activeRollout}
              </Link>
            </Alert>
          ) : null}
          {plan.data && !activeRollout ? (
            <>
              <DialogContentText>
                {toQueue === 0
                  ? `No ${deviceType} site can be queued now: every site is on ${plan.data.currentVersion}, already updating, or without an IP channel.`
                  : `${plural(toQueue, `${deviceType} site`)} on an old version will be queued for the update to ${plan.data.currentVersion}. Each installs when it has downloaded the firmware and a partition is disarmed; settings and arm state stay as they are.`}
              </DialogContentText>
              <LeftOut plan={plan.data} />
            </>
          ) : null}
          <MutationError error={updateAll.error} what="No site was queued." next="Try again." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={toQueue === 0 || updateAll.isPending}
          onClick={() =>
            updateAll.mutate(requestId, {
              onSuccess: (result) => {
                onDone(
                  `Queued ${plural(result.queued, 'site')} for the update to ${result.currentVersion}.`,
                );
                onClose();
              },
            })
          }
        >
          Update all sites
        </Button>
      </DialogActions>
    </Dialog>
  );
}
