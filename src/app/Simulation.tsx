import ScienceOutlinedIcon from '@mui/icons-material/ScienceOutlined';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Snackbar from '@mui/material/Snackbar';
import { useState, useSyncExternalStore } from 'react';
import { simulation, subscribeSimulation } from '@/api/simulation';

export function useSimulation() {
  return useSyncExternalStore(subscribeSimulation, simulation);
}

/**
 * "Simulated fleet" in the app bar whenever the built-in fleet answers, so a deployment that
 * forgot to turn `mockApi` off is obvious at a glance. A real backend never shows it.
 */
export function SimulationBadge() {
  const { scenario } = useSimulation();
  if (!scenario) return null;
  return (
    <Chip
      icon={<ScienceOutlinedIcon />}
      label={`Simulated fleet · ${scenario}`}
      title={`The built-in fleet simulator answers (scenario “${scenario}”): no real device is changed.`}
      size="small"
      sx={{
        ml: 2,
        flexShrink: 0,
        fontWeight: 600,
        bgcolor: 'warning.light',
        color: 'common.black',
        '& .MuiChip-icon': { color: 'common.black' },
      }}
    />
  );
}

/**
 * Said once, without blocking anything, when the browser refused to store a change of the
 * simulated fleet (quota, or storage denied in a cross-site frame): it still applies, for this
 * tab only.
 */
export function SimulationStorageNote() {
  const { tabOnly } = useSimulation();
  const [dismissed, setDismissed] = useState(false);
  return (
    <Snackbar
      open={tabOnly && !dismissed}
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
