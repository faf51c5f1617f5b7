import DevicesIcon from '@mui/icons-material/Devices';
import DnsIcon from '@mui/icons-material/Dns';
import SystemUpdateAltIcon from '@mui/icons-material/SystemUpdateAlt';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { Suspense, useRef, type ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { embeddingWindow, embedOrigins } from './embed';
import { EmbedBridge } from './EmbedBridge';
import { OfflineBanner } from './OfflineBanner';
import { RouteErrorBoundary } from './RouteError';
import { SimulationBadge, SimulationStorageNote } from './Simulation';

const navigation: { to: string; label: string; icon: ReactNode }[] = [
  { to: '/devices', label: 'Devices', icon: <DevicesIcon /> },
  { to: '/firmware', label: 'Site software update', icon: <SystemUpdateAltIcon /> },
  { to: '/servers', label: 'Upgrade Center', icon: <DnsIcon /> },
];

export function PageLoading() {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', p: 6 }}>
      <CircularProgress aria-label="Loading" />
    </Box>
  );
}

/** The shell: a title bar, the navigation, and the current screen. */
export function Layout() {
  const root = useRef<HTMLDivElement>(null);
  // In a frame the shell is as tall as its content, so the portal can size the frame to it.
  const embedded = embeddingWindow() !== null;
  // Where the portal sizes the frame to the content, nothing may size itself to the frame
  // (100vh): each would grow the other. Screens read `data-height="content"` to let go.
  const sizedByPortal = embedded && embedOrigins().length > 0;
  return (
    <Box
      ref={root}
      data-height={sizedByPortal ? 'content' : 'viewport'}
      sx={{ display: 'flex', minHeight: embedded ? 0 : '100vh', flexDirection: 'column' }}
    >
      <EmbedBridge content={root} />
      <AppBar position="static" elevation={0} enableColorOnDark>
        <Toolbar variant="dense">
          <Typography variant="h6" component="div">
            Fleet Update Console
          </Typography>
          <SimulationBadge />
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Box
          component="nav"
          aria-label="Main"
          sx={{ width: 232, flexShrink: 0, borderRight: 1, borderColor: 'divider' }}
        >
          <List>
            {navigation.map((item) => (
              <ListItem key={item.to} disablePadding>
                <ListItemButton
                  component={NavLink}
                  to={item.to}
                  sx={{ '&.active': { bgcolor: 'action.selected', fontWeight: 600 } }}
                >
                  <ListItemIcon sx={{ minWidth: 40 }}>{item.icon}</ListItemIcon>
                  <ListItemText primary={item.label} />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </Box>
        <Box component="main" sx={{ flex: 1, minWidth: 0, p: 3 }}>
          <OfflineBanner />
          <SimulationStorageNote />
          <RouteErrorBoundary>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </RouteErrorBoundary>
        </Box>
      </Box>
    </Box>
  );
}
