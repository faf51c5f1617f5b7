import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import type { Device } from '@/api/devices';
import { formatDate } from '@/lib/format';

export function StatusCell({ status }: { status: Device['status'] }) {
  const reachable = status === 'reachable';
  return (
    <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
      {reachable ? (
        <CheckCircleIcon fontSize="small" color="success" aria-hidden />
      ) : (
        <ErrorIcon fontSize="small" color="error" aria-hidden />
      )}
      <span>{reachable ? 'Reachable' : 'Unreachable'}</span>
    </Stack>
  );
}

export function ModelCell({ device }: { device: Device }) {
  return (
    <div>
      <div>{device.model}</div>
      {device.name ? (
        <Box component="div" sx={{ color: 'text.secondary', fontSize: '0.8125rem' }}>
          {device.name}
        </Box>
      ) : null}
    </div>
  );
}

export function WarrantyCell({ warranty }: { warranty: Device['warranty'] }) {
  if (warranty.status === 'unknown' || !warranty.expiresOn) return <span>Unknown</span>;
  const date = formatDate(warranty.expiresOn);
  return <span>{warranty.status === 'active' ? `Until ${date}` : `Expired ${date}`}</span>;
}

export function AppsCell({ apps }: { apps: Device['apps'] }) {
  const label = `${apps.running} running, ${apps.stopped} stopped`;
  return (
    <Stack direction="row" spacing={1.5} aria-label={label} role="img">
      <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
        <Box
          component="span"
          sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: 'success.main' }}
        />
        {apps.running}
      </Box>
      {apps.stopped > 0 ? (
        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
          <Box component="span" sx={{ width: 8, height: 8, bgcolor: 'text.secondary' }} />
          {apps.stopped}
        </Box>
      ) : null}
    </Stack>
  );
}
