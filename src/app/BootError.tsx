import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CssBaseline from '@mui/material/CssBaseline';

/** Shown when the console cannot start (configuration, built-in fleet): words and a retry. */
export function BootError({ message }: { message: string }) {
  return (
    <Box sx={{ p: 4, maxWidth: 720 }}>
      <CssBaseline />
      <Alert
        severity="error"
        role="alert"
        action={
          <Button color="inherit" size="small" onClick={() => window.location.reload()}>
            Retry
          </Button>
        }
      >
        <AlertTitle>The console could not start</AlertTitle>
        {message}
      </Alert>
    </Box>
  );
}
