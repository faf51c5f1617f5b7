import AcUnitIcon from '@mui/icons-material/AcUnit';
import DevicesIcon from '@mui/icons-material/Devices';
import DnsIcon from '@mui/icons-material/Dns';
import HistoryIcon from '@mui/icons-material/History';
import FactCheckIcon from '@mui/icons-material/FactCheckOutlined';
import SettingsIcon from '@mui/icons-material/SettingsOutlined';
import SystemUpdateAltIcon from '@mui/icons-material/SystemUpdateAlt';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import type { Area } from '@/api/session';
import { visuallyHidden } from '@/lib/visually-hidden';
import { useServedAreas } from './served-areas';

const navigation: { to: string; label: string; icon: ReactNode; area: Area }[] = [
  { to: '/devices', label: 'Devices', icon: <DevicesIcon />, area: 'devices' },
  { to: '/firmware', label: 'Site software update', icon: <SystemUpdateAltIcon />, area: 'sites' },
  { to: '/servers', label: 'Upgrade Center', icon: <DnsIcon />, area: 'servers' },
  { to: '/approvals', label: 'Approvals', icon: <FactCheckIcon />, area: 'approvals' },
  { to: '/freezes', label: 'Change freezes', icon: <AcUnitIcon />, area: 'freezes' },
  { to: '/activity', label: 'Activity', icon: <HistoryIcon />, area: 'activity' },
  { to: '/settings', label: 'Settings', icon: <SettingsIcon />, area: 'settings' },
];

/** From this width the navigation shows its labels; below it, icons (a rail) or a drawer. */
export const WIDE = '@media (min-width: 1440px)';

/**
 * The screens' links. In the rail (900–1439 px) only the icons show; the labels stay for
 * screen readers and as the links' names, and show on hover.
 */
export function NavigationList({
  variant,
  onNavigate,
}: {
  variant: 'responsive' | 'drawer';
  onNavigate?: () => void;
}) {
  const rail = variant === 'responsive';
  const served = useServedAreas();
  return (
    <List>
      {navigation
        .filter((item) => served.includes(item.area))
        .map((item) => (
          <ListItem key={item.to} disablePadding>
            <ListItemButton
              component={NavLink}
              to={item.to}
              onClick={onNavigate}
              title={rail ? item.label : undefined}
              sx={{
                '&.active': { bgcolor: 'action.selected', fontWeight: 600 },
                ...(rail
                  ? { justifyContent: 'center', [WIDE]: { justifyContent: 'flex-start' } }
                  : {}),
              }}
            >
              <ListItemIcon sx={{ minWidth: rail ? 0 : 40, [WIDE]: { minWidth: 40 } }}>
                {item.icon}
              </ListItemIcon>
              <ListItemText
                primary={item.label}
                sx={
                  rail
                    ? {
                        ...visuallyHidden,
                        [WIDE]: {
                          position: 'static',
                          width: 'auto',
                          height: 'auto',
                          margin: 0,
                          clip: 'auto',
                        },
                      }
                    : undefined
                }
              />
            </ListItemButton>
          </ListItem>
        ))}
    </List>
  );
}
