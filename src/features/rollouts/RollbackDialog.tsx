import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '@/components/ErrorAlert';
import { MutationError } from '@/components/MutationError';
import { FrozenNote, freezeOverrideOf } from '@/features/freezes/public';
import { newRequestId } from '@/lib/request-id';
import { rollbackQuery, useRollback } from '@/queries/rollouts';
import { RolloutPreview } from './RolloutPreview';

interface RollbackDialogProps {
  deviceType: string;
  rolloutId: string;
  onClose: () => void;
}

/**
 * "Plan the way back…" from a halted rollout: the sites it installed, each back to the version
 * it had, as a new staged rollout with the halted one's plan and rules, previewed first.
 */
export function RollbackDialog({ deviceType, rolloutId, onClose }: RollbackDialogProps) {
  const titleId = useId();
  const [requestId] = useState(newRequestId);
  const preview = useQuery(rollbackQuery(deviceType, rolloutId));
  const rollback = useRollback(deviceType, rolloutId);
  const navigate = useNavigate();
  const frozen = preview.data?.frozen ?? null;
  const [reason, setReason] = useState('');
  const freezeOverride = frozen ? freezeOverrideOf(reason) : undefined;
  const held = frozen !== null && !freezeOverride;

  const start = () =>
    rollback.mutate(
      { requestId, ...(freezeOverride ? { freezeOverride } : {}) },
      {
        onSuccess: (rollout) => {
          onClose();
          void navigate(`/firmware/${encodeURIComponent(deviceType)}/rollouts/${rollout.id}`);
        },
      },
    );

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <DialogTitle id={titleId}>Roll back rollout {rolloutId}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            The sites rollout {rolloutId} installed go back to the versions they had before it, as a
            new staged rollout with its waves and rules. Once back they count as “no update
            planned”, and “Update software at all sites” would queue them again: recall the version
            or hold them to keep them back.
          </DialogContentText>
          {preview.isPending ? <DialogContentText>Counting the sites…</DialogContentText> : null}
          {preview.isError ? (
            <Alert severity="warning" role="status">
              {errorMessage(preview.error)}
            </Alert>
          ) : null}
          {preview.data ? <RolloutPreview preview={preview.data} /> : null}
          {frozen ? <FrozenNote frozen={frozen} reason={reason} onReason={setReason} /> : null}
          <MutationError error={rollback.error} what="The rollback did not start." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        {preview.data ? (
          <Button variant="contained" disabled={held || rollback.isPending} onClick={start}>
            Start rollback
          </Button>
        ) : null}
      </DialogActions>
    </Dialog>
  );
}
