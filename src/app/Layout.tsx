import MenuIcon from '@mui/icons-material/Menu';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useRef, useState } from 'react';
import { Outlet } from 'react-router';
import { embeddingWindow, embedOrigins } from './embed';
import { EmbedBridge } from './EmbedBridge';
import { Identity } from './Identity';
import { OfflineBanner } from './OfflineBanner';
import { NavigationList, WIDE } from './Navigation';
import { RouteErrorBoundary } from './RouteError';
import { useFeature, useSession } from '@/queries/session';
import { signInPageFirst, useSessionEnded, useSignInHere } from './session-state';
import { SimulationBadge, SimulationStorageNote } from './Simulation';
import { ThemeSwitch } from './ThemeSwitch';
import { TimeSetting } from './TimeSetting';

export function PageLoading() {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', p: 6 }}>
      <CircularProgress aria-label="Loading" />
    </Box>
  );
}

// The drawer (and MUI's modal) loads when first opened, on small screens only.
const NavigationDrawer = lazy(() => import('./NavigationDrawer'));
// The bell and its panel load after the first page: the badge comes a moment later.
const NotificationBell = lazy(() => import('./NotificationBell'));
// Loaded when a session ends, not with the page.
const SessionEndedDialog = lazy(() =>
  import('./SessionEndedDialog').then((m) => ({ default: m.SessionEndedDialog })),
);
// Loaded where operators sign in to the console itself and nobody is signed in yet.
const SignInPage = lazy(() => import('./session-screens').then((m) => ({ default: m.SignInPage })));

/** The shell: a title bar, the navigation, and the current screen. */
export function Layout() {
  const root = useRef<HTMLDivElement>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // What needs the operator, where the backend tells (not hawkBit, so far).
  const notifications = useFeature('notifications');
  const sessionEnded = useSessionEnded();
  const signInHere = useSignInHere();
  const session = useSession();
  // Nobody signed in on this page yet (or they signed out): the sign-in screen, not a dialog
  // over a screen that has nothing to show.
  // In a frame the shell is as tall as its content, so the portal can size the frame to it.
  const embedded = embeddingWindow() !== null;
  // (A sign-in page is not opened inside a portal's frame, which providers refuse to be in:
  // there "Your session has ended" opens it in a new tab.)
  const signInScreen =
    sessionEnded && !session.data && (signInHere || (signInPageFirst() && !embedded));
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
        <Toolbar variant="dense" sx={{ gap: 1, px: { xs: 1, sm: 2 } }}>
          <IconButton
            color="inherit"
            aria-label="Open navigation"
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
            sx={{ display: { md: 'none' } }}
          >
            <MenuIcon />
          </IconButton>
          <Typography
            variant="h6"
            component="div"
            noWrap
            sx={{ minWidth: 0, display: { xs: 'none', sm: 'block' } }}
          >
            Fleet Update Console
          </Typography>
          <SimulationBadge />
          <Box sx={{ ml: 'auto', display: 'flex', alignItems: 'center', minWidth: 0 }}>
            {notifications ? (
              <Suspense fallback={null}>
                <NotificationBell />
              </Suspense>
            ) : null}
            <Identity />
            <TimeSetting />
            <ThemeSwitch />
          </Box>
        </Toolbar>
      </AppBar>
      {drawerOpen ? (
        <Suspense fallback={null}>
          <NavigationDrawer open onClose={() => setDrawerOpen(false)} />
        </Suspense>
      ) : null}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {signInScreen ? null : (
          <Box
            component="nav"
            aria-label="Main"
            sx={{
              display: { xs: 'none', md: 'block' },
              width: 64,
              flexShrink: 0,
              borderRight: 1,
              borderColor: 'divider',
              [WIDE]: { width: 232 },
            }}
          >
            <NavigationList variant="responsive" />
          </Box>
        )}
        <Box component="main" sx={{ flex: 1, minWidth: 0, p: { xs: 1.5, sm: 2, xl: 3 } }}>
          <OfflineBanner />
          <SimulationStorageNote />
          {sessionEnded && !signInScreen ? (
            <Suspense fallback={null}>
              <SessionEndedDialog />
            </Suspense>
          ) : null}
          <RouteErrorBoundary>
            <Suspense fallback={<PageLoading />}>
              {signInScreen ? <SignInPage /> : <Outlet />}
            </Suspense>
          </RouteErrorBoundary>
        </Box>
      </Box>
    </Box>
  );
}
