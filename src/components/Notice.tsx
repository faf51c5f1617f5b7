import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';

/** What an action did, announced (role `status`) and dismissed by itself after 8 s. */
export function Notice({ message, onClose }: { message: string | null; onClose: () => void }) {
  return (
    <Snackbar
      open={message !== null}
      autoHideDuration={8000}
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert severity="success" role="status" onClose={onClose}>
        {message}
      </Alert>
    </Snackbar>
  );
}
