import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useLocation } from 'react-router';
import { useDocumentTitle } from '@/lib/use-document-title';

export function NotFoundPage() {
  const location = useLocation();
  useDocumentTitle('Page not found');
  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <Typography variant="h5" component="h1">
        Page not found
      </Typography>
      <Typography>
        There is no page at <code>{location.pathname}</code>. Check the address, or go to one of the
        screens below.
      </Typography>
      <Stack direction="row" spacing={1}>
        <Button component={RouterLink} to="/devices" variant="contained">
          Devices
        </Button>
        <Button component={RouterLink} to="/firmware">
          Site software update
        </Button>
        <Button component={RouterLink} to="/servers">
          Upgrade Center
        </Button>
      </Stack>
    </Stack>
  );
}
