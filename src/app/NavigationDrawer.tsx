import Drawer from '@mui/material/Drawer';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { NavigationList } from './Navigation';

/** The navigation on small screens, behind "Open navigation"; closes once a screen is picked. */
export default function NavigationDrawer({
  open,
  onClose,
}: {
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer
      open={open}
      onClose={onClose}
      slotProps={{
        paper: {
          sx: { width: 260 },
          role: 'dialog',
          'aria-modal': true,
          'aria-label': 'Navigation',
        },
      }}
    >
      <nav aria-label="Main">
        <Toolbar variant="dense">
          <Typography variant="h6" component="div">
            Fleet Update Console
          </Typography>
        </Toolbar>
        <NavigationList variant="drawer" onNavigate={onClose} />
      </nav>
    </Drawer>
  );
}
