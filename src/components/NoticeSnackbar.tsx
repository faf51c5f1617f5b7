import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';

/** The notice itself (see Notice): loaded with the first one, not with the page. */
export default function NoticeSnackbar({
  message,
  onClose,
}: {
  message: string | null;
  onClose: () => void;
}) {
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
