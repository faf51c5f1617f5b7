import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { DeviceSelection, ManualUpdateResult } from '@/api/devices';
import { MutationError } from '@/components/MutationError';
import { SummaryPending } from '@/features/scheduling/public';
import { plural } from '@/lib/format';
import { newRequestId } from '@/lib/request-id';
import { deviceQueries, useStartUpdates } from '@/queries/devices';

const reasonWords: Record<ManualUpdateResult['skipped'][number]['reason'], string> = {
  'up-to-date': 'already up to date',
  unreachable: 'unreachable',
  'already-updating': 'already updating',
};

/** "Started updating 3 devices. Skipped: 2 already up to date." */
export function describeManualUpdate(result: ManualUpdateResult): string {
  const started =
    result.started === 0
      ? 'No device started updating.'
      : `Started updating ${plural(result.started, 'device')}; they reboot when installed.`;
  if (result.skipped.length === 0) return started;
  const skipped = result.skipped
    .map((entry) => `${plural(entry.count, 'device')} ${reasonWords[entry.reason]}`)
    .join(', ');
  return `${started} Skipped: ${skipped}.`;
}

interface ManualUpdateDialogProps {
  open: boolean;
  selection: DeviceSelection;
  /** `Upgrade device software` for one device not onboarded; `Manual update` for a selection. */
  title: string;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Confirms an interruptive update now, outside any window, and starts it once. */
export function ManualUpdateDialog({
  open,
  selection,
  title,
  onClose,
  onDone,
}: ManualUpdateDialogProps) {
  const titleId = useId();
  // One id per confirmation: a double click or a retried request starts the update once.
  const [requestId] = useState(newRequestId);
  const summary = useQuery({ ...deviceQueries.summary(selection), enabled: open });
  const start = useStartUpdates();
  const updatable = summary.data?.updatable ?? 0;

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {!summary.data ? (
            <SummaryPending summary={summary} />
          ) : updatable === 0 ? (
            <DialogContentText>
              None of the {plural(summary.data.total, 'selected device')} can update now: they are
              up to date, unreachable or already updating.
            </DialogContentText>
          ) : (
            <DialogContentText>
              {plural(updatable, 'device')} of {summary.data.total} selected will install the newest
              AXIS OS now, outside any maintenance window, and reboot. Video and recording from{' '}
              {updatable === 1 ? 'it' : 'them'} stop for a few minutes. Devices that are up to date,
              unreachable or already updating are left as they are.
            </DialogContentText>
          )}
          <MutationError error={start.error} what="The update was not started." next="Try again." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          color="warning"
          disabled={updatable === 0 || start.isPending}
          onClick={() =>
            start.mutate(
              { selection, requestId },
              {
                onSuccess: (result) => {
                  onDone(describeManualUpdate(result));
                  onClose();
                },
              },
            )
          }
        >
          Update now
        </Button>
      </DialogActions>
    </Dialog>
  );
}
