import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import type { Area } from '@/api/session';
import { useDocumentTitle } from '@/lib/use-document-title';

/** What each area is called on screen. */
const AREA_LABELS: Record<Area, string> = {
  devices: 'Devices',
  sites: 'Site software update',
  servers: 'Upgrade Center',
  rollouts: 'Staged rollouts',
  approvals: 'Approvals',
  freezes: 'Change freezes',
  activity: 'Activity',
  settings: 'Settings',
};

/** The page of an area the backend does not serve: why, and where to go instead. */
export default function NotServed({ area, others }: { area: Area; others: readonly Area[] }) {
  useDocumentTitle(`${AREA_LABELS[area]} is not available`);
  const first = others.find((other) => other !== 'rollouts');
  const paths: Partial<Record<Area, string>> = {
    devices: '/devices',
    sites: '/firmware',
    servers: '/servers',
    approvals: '/approvals',
    freezes: '/freezes',
    activity: '/activity',
    settings: '/settings',
  };
  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <Typography variant="h5" component="h1">
        {AREA_LABELS[area]} is not available
      </Typography>
      <Typography>
        The backend this console is connected to does not serve {AREA_LABELS[area]}, so this page
        has nothing to show. If you expected it here, ask your administrator which backend the
        console uses.
      </Typography>
      {first && paths[first] ? (
        <Stack direction="row">
          <Button component={RouterLink} to={paths[first]} variant="contained">
            Go to {AREA_LABELS[first]}
          </Button>
        </Stack>
      ) : null}
    </Stack>
  );
}
