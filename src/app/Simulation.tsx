import ScienceOutlinedIcon from '@mui/icons-material/ScienceOutlined';
import Box from '@mui/material/Box';
import { lazy, Suspense, useSyncExternalStore } from 'react';
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
  // A chip's look in a plain element: MUI's Chip would bring its code into the first page.
  return (
    <Box
      component="span"
      title={`The built-in fleet simulator answers (scenario “${scenario}”): no real device is changed.`}
      sx={{
        ml: { xs: 0.5, sm: 2 },
        flexShrink: 0,
        display: 'inline-flex',
        // On a phone its two parts take two lines, leaving the app bar room for who is signed in.
        flexDirection: { xs: 'column', sm: 'row' },
        alignItems: 'center',
        gap: { xs: 0, sm: 0.5 },
        height: { xs: 'auto', sm: 24 },
        py: { xs: 0.25, sm: 0 },
        px: { xs: 0.75, sm: 1 },
        borderRadius: 3,
        fontSize: { xs: '0.6875rem', sm: '0.8125rem' },
        lineHeight: { xs: 1.15, sm: 'normal' },
        fontWeight: 600,
        whiteSpace: 'nowrap',
        bgcolor: 'warning.light',
        color: 'common.black',
      }}
    >
      <ScienceOutlinedIcon
        sx={{ fontSize: 18, display: { xs: 'none', sm: 'block' } }}
        aria-hidden
      />
      <span>Simulated fleet</span>
      <span>
        <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
          {' · '}
        </Box>
        {scenario}
      </span>
    </Box>
  );
}

// The note (and MUI's snackbar) loads only when there is something to say.
const StorageNote = lazy(() => import('./StorageNote'));

/**
 * Said once, without blocking anything, when the browser refused to store a change of the
 * simulated fleet (see StorageNote).
 */
export function SimulationStorageNote() {
  const { tabOnly } = useSimulation();
  if (!tabOnly) return null;
  return (
    <Suspense fallback={null}>
      <StorageNote />
    </Suspense>
  );
}
