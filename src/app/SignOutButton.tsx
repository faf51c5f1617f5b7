import LogoutIcon from '@mui/icons-material/Logout';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, forgetCredentials } from '@/api/client';
import { SIGN_IN_REQUIRED, sessionEndpoints } from '@/api/session';
import { markSessionEnded, signInPageFirst } from './session-state';

/**
 * "Sign out", where the backend offers it: the session ends on the server (in every tab),
 * what this page held of it is forgotten, and the sign-in screen shows — or the identity
 * provider's sign-out page, where the server names one.
 */
export default function SignOutButton() {
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => apiRequest(sessionEndpoints.signOut, {}),
    onSuccess: (answer) => {
      forgetCredentials();
      queryClient.clear();
      if (answer.next) window.location.assign(answer.next);
      // Then the sign-in screen: the form, or the way to the sign-in page where there is one.
      else markSessionEnded(signInPageFirst() ? undefined : SIGN_IN_REQUIRED);
    },
  });
  const title = signOut.isError
    ? `Could not sign out: ${signOut.error.message} Try again.`
    : 'Sign out';
  return (
    <Tooltip title={title}>
      <IconButton
        color="inherit"
        aria-label="Sign out"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        <LogoutIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}
