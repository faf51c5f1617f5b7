import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useId } from 'react';
import type { ApiToken } from '@/api/tokens';
import { MutationError } from '@/components/MutationError';
import { useRevokeToken } from '@/queries/tokens';

/** "Revoke API token": from then on, every call with it answers 401. */
export function RevokeTokenDialog({
  token,
  onClose,
  onDone,
}: {
  token: ApiToken;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const titleId = useId();
  const revoke = useRevokeToken();
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>Revoke API token</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            From now on, every call with “{token.name}” is refused. The program that uses it stops
            working until it is given a new token. This cannot be undone.
          </DialogContentText>
          <MutationError error={revoke.error} what="The token was not revoked." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep token</Button>
        <Button
          variant="contained"
          color="error"
          disabled={revoke.isPending}
          onClick={() =>
            revoke.mutate(token.id, {
              onSuccess: () => {
                onDone(`The API token “${token.name}” is revoked.`);
                onClose();
              },
            })
          }
        >
          Revoke token
        </Button>
      </DialogActions>
    </Dialog>
  );
}
