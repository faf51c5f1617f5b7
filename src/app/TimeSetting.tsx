import ScheduleIcon from '@mui/icons-material/Schedule';
import Button from '@mui/material/Button';
import { useTimeDisplay } from '@/lib/time-display';

/**
 * Times in the operator's zone (the browser's) or in UTC, remembered per browser. Maintenance
 * windows always stay in their schedule's zone and add this one where it reads differently.
 */
export function TimeSetting() {
  const [display, setMode] = useTimeDisplay();
  const utc = display.mode === 'utc';
  return (
    <Button
      color="inherit"
      size="small"
      aria-pressed={utc}
      aria-label="Times in UTC"
      startIcon={<ScheduleIcon />}
      title={
        utc ? 'Times are shown in UTC' : `Times are shown in your time zone (${display.localZone})`
      }
      onClick={() => setMode(utc ? null : 'utc')}
      sx={{
        whiteSpace: 'nowrap',
        minWidth: 0,
        // On a phone only the icon shows; the name stays for screen readers.
        '& .label': { display: { xs: 'none', sm: 'inline' } },
        '& .MuiButton-startIcon': { mr: { xs: 0, sm: 1 } },
      }}
    >
      <span className="label">Times in UTC</span>
    </Button>
  );
}
