import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router';
import { ErrorAlert } from '@/components/ErrorAlert';

/** The error boundary of each route: the rest of the console keeps working. */
export function RouteError() {
  const error = useRouteError();
  const navigate = useNavigate();
  const isChunkFailure =
    error instanceof Error && /dynamically imported module|Loading chunk/i.test(error.message);
  const shown = isRouteErrorResponse(error)
    ? new Error(`${error.status} ${error.statusText}`)
    : isChunkFailure
      ? new Error(
          'Part of the console could not be loaded, perhaps because a newer version was deployed or the network dropped. Retry to load it again.',
        )
      : error;
  return (
    <Box sx={{ p: 3 }}>
      <Stack spacing={2} sx={{ maxWidth: 720 }}>
        <Typography variant="h5" component="h1">
          This page could not be shown
        </Typography>
        <ErrorAlert
          title="Something went wrong on this page"
          error={shown}
          onRetry={() => {
            if (isChunkFailure) window.location.reload();
            else void navigate('.', { replace: true });
          }}
        />
        <div>
          <Button onClick={() => void navigate('/devices')}>Go to Devices</Button>
        </div>
      </Stack>
    </Box>
  );
}
