import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** A screen of the specification that this version of the console does not have yet. */
export function PendingScreen({ title }: { title: string }) {
  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <Typography variant="h4" component="h1">
        {title}
      </Typography>
      <Alert severity="info">
        {title} is not available in this version of the console yet. Devices is ready to use.
      </Alert>
    </Stack>
  );
}
