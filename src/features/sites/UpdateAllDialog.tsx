import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { MutationError } from '@/components/MutationError';
import { plural } from '@/lib/format';
import { newRequestId } from '@/lib/request-id';
import { useTimeDisplay } from '@/lib/time-display';
import { useAskApproval } from '@/queries/approvals';
import { ApprovalNeeded, askedWords } from '@/features/approvals/public';
import { FrozenNote, freezeOverrideOf } from '@/features/freezes/public';
import { rolloutQueries } from '@/queries/rollouts';
import { siteQueries, useUpdateAll } from '@/queries/sites';
import { UpdateAllSummary } from './UpdateAllSummary';

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
  const approval = plan.data?.approval ?? null;
  const ask = useAskApproval();
  const [note, setNote] = useState('');
  const [display] = useTimeDisplay();
  const frozen = plan.data?.frozen ?? null;
  const [reason, setReason] = useState('');
  const freezeOverride = frozen ? freezeOverrideOf(reason) : undefined;
  // Inside a freeze only an administrator's written reason starts it (approval asks anyway).
  const held = frozen !== null && !approval && !freezeOverride;

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
              <UpdateAllSummary plan={plan.data} />
              {approval ? (
                <ApprovalNeeded
                  why={approval}
                  then="The sites are queued once another person approves it; until then the request waits in Approvals."
                  note={note}
                  onNote={setNote}
                />
              ) : null}
              {frozen ? <FrozenNote frozen={frozen} reason={reason} onReason={setReason} /> : null}
            </>
          ) : null}
          <MutationError error={updateAll.error} what="No site was queued." next="Try again." />
          <MutationError error={ask.error} what="Approval was not asked for." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={toQueue === 0 || held || updateAll.isPending || ask.isPending}
          onClick={() =>
            approval
              ? ask.mutate(
                  {
                    requestId,
                    deviceType,
                    change: { kind: 'update-all' },
                    ...(note.trim() ? { note: note.trim() } : {}),
                  },
                  {
                    onSuccess: (request) => {
                      onDone(
                        askedWords(
                          request,
                          display,
                          'the sites are queued once another person approves it.',
                        ),
                      );
                      onClose();
                    },
                  },
                )
              : updateAll.mutate(
                  { requestId, ...(freezeOverride ? { freezeOverride } : {}) },
                  {
                    onSuccess: (result) => {
                      onDone(
                        `Queued ${plural(result.queued, 'site')} for the update to ${result.currentVersion}.`,
                      );
                      onClose();
                    },
                  },
                )
          }
        >
          {approval
            ? 'Ask for approval'
            : freezeOverride
              ? 'Update all sites inside the freeze'
              : 'Update all sites'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
