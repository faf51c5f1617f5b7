import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useId } from 'react';
import { isApiError } from '@/api/errors';
import type { Site } from '@/api/sites';
import { MutationError } from '@/components/MutationError';
import { useCancelSiteUpdate } from '@/queries/sites';

interface CancelUpdateDialogProps {
  site: Site;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** "Cancel update…": allowed until the download completes; afterwards the backend says why not. */
export function CancelUpdateDialog({ site, onClose, onDone }: CancelUpdateDialogProps) {
  const titleId = useId();
  const cancel = useCancelSiteUpdate(site.deviceType);
  // Refused because the site moved on (409): nothing left to confirm.
  const moved = isApiError(cancel.error) && cancel.error.isConflict;

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>Cancel the update of site {site.number}?</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            Site {site.number} stops updating and stays on {site.version}. An update can be
            cancelled only until the site has downloaded the firmware; you can update the site again
            later.
          </DialogContentText>
          <MutationError error={cancel.error} what="The update was not cancelled." />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant={moved ? 'contained' : 'text'}>
          Keep updating
        </Button>
        <Button
          color="error"
          variant="contained"
          disabled={cancel.isPending || moved}
          onClick={() =>
            cancel.mutate(site.number, {
              onSuccess: () => {
                onDone(`The update of site ${site.number} was cancelled.`);
                onClose();
              },
            })
          }
        >
          Cancel update
        </Button>
      </DialogActions>
    </Dialog>
  );
}
