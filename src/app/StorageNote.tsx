import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { useState } from 'react';

/**
 * Said once, without blocking anything, when the browser refused to store a change of the
 * simulated fleet (quota, or storage denied in a cross-site frame): it still applies, for this
 * tab only.
 */
export default function StorageNote() {
  const [dismissed, setDismissed] = useState(false);
  return (
    <Snackbar
      open={!dismissed}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      onClose={(_event, reason) => {
        if (reason !== 'clickaway') setDismissed(true);
      }}
    >
      <Alert severity="info" role="status" onClose={() => setDismissed(true)}>
        The browser does not let the simulated fleet store its changes: they apply, but are kept for
        this tab only and are lost when it closes or reloads.
      </Alert>
    </Snackbar>
  );
}
