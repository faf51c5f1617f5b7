import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiRoot, apiRequest } from '@/api/client';
import { ApiError } from '@/api/errors';
import { sessionEndpoints } from '@/api/session';
import { SIMULATION_SESSION_PATH } from '@/api/simulation';
import { embeddingWindow } from './embed';
import { requestPortalToken } from './portal-token';
import {
  authSettings,
  markSessionRestored,
  signInAddress,
  useSessionEnded,
  useSignInHere,
} from './session-state';
import { SignInForm } from './session-screens';
import { useSimulation } from './Simulation';

type Step = 'ended' | 'signing-in' | 'not-yet';

/**
 * "Your session has ended", over whatever the operator was doing: the screen and any open
 * dialog stay as they were, input included. Signing in again happens beside it (the sign-in
 * page in a new tab, a new token from the portal, or the simulator's sign-in); then reads are
 * refreshed, and a change that failed is sent again only when the operator sends it.
 */
export function SessionEndedDialog() {
  const ended = useSessionEnded();
  const queryClient = useQueryClient();
  const { scenario } = useSimulation();
  const [step, setStep] = useState<Step>('ended');
  const [problem, setProblem] = useState<string | null>(null);
  const { mode, signInUrl } = authSettings();
  const inPortal = embeddingWindow() !== null && mode === 'bearer';
  const signInHere = useSignInHere();
  const check = async () => {
    setProblem(null);
    try {
      await apiRequest(sessionEndpoints.get, {});
      markSessionRestored();
      setStep('ended');
      await queryClient.invalidateQueries();
    } catch (error) {
      setStep('not-yet');
      setProblem(
        error instanceof ApiError && error.status === 401
          ? 'You are not signed in yet. Sign in, then choose Continue.'
          : `Could not check your session: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  // Signing in on a page in another tab: coming back to this one checks by itself.
  const awaitingPage = signInUrl !== null && !inPortal && step !== 'ended';
  useEffect(() => {
    if (!awaitingPage) return;
    const onFocus = () => void check();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  });
  if (signInHere) {
    // Operators sign in to the console itself: right here, over what they were doing.
    return (
      <Dialog open={ended} aria-labelledby="session-ended-title" maxWidth="xs" fullWidth>
        <DialogTitle id="session-ended-title">Your session has ended</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              Sign in again to go on. What you were doing stays as it was: once you are signed in,
              send your change again.
            </DialogContentText>
            <SignInForm autoFocus />
          </Stack>
        </DialogContent>
      </Dialog>
    );
  }

  const signIn = async () => {
    setProblem(null);
    if (inPortal) {
      setStep('signing-in');
      const received = await requestPortalToken();
      if (received) await check();
      else {
        setStep('not-yet');
        setProblem(
          'The portal did not send a new sign-in. Sign in to the portal again, then choose Continue.',
        );
      }
      return;
    }
    if (scenario !== null && !signInUrl) {
      // The built-in fleet's simulated operator: its sign-in is one call, no page to visit.
      try {
        await fetch(new URL(SIMULATION_SESSION_PATH.slice(1), apiRoot()), { method: 'POST' });
      } catch {
        setProblem('Could not reach the simulated sign-in. Check the connection, then try again.');
        return;
      }
      await check();
      return;
    }
    const address = signInAddress();
    if (address) window.open(address, '_blank', 'noopener');
    setStep('signing-in');
  };

  return (
    <Dialog open={ended} aria-labelledby="session-ended-title" maxWidth="xs" fullWidth>
      <DialogTitle id="session-ended-title">Your session has ended</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            {step === 'signing-in' && !inPortal
              ? 'Sign in on the page that opened, then come back here and choose Continue.'
              : signInUrl || inPortal || scenario !== null
                ? 'Sign in again to go on. What you were doing stays as it was: once you are signed in, send your change again.'
                : 'Sign in again in another tab of this console, then come back here and choose Continue. What you were doing stays as it was.'}
          </DialogContentText>
          {problem ? <Alert severity="warning">{problem}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        {step !== 'ended' || (!signInUrl && !inPortal && scenario === null) ? (
          <Button onClick={() => void check()}>Continue</Button>
        ) : null}
        <Button variant="contained" onClick={() => void signIn()}>
          Sign in again
        </Button>
      </DialogActions>
    </Dialog>
  );
}
