import LoginIcon from '@mui/icons-material/Login';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useDocumentTitle } from '@/lib/use-document-title';
import { signInAddress, useSignInHere } from './session-state';
import { SignInForm } from './SignInForm';

/**
 * The sign-in screen: shown instead of the console until the operator has a session. Where
 * operators sign in to the console itself, its user name and password; where they sign in
 * with the organisation's identity provider, the way there, coming back to this same page.
 */
export function SignInPage() {
  useDocumentTitle('Sign in');
  const signInHere = useSignInHere();
  const address = signInHere ? null : signInAddress();
  return (
    <Paper
      variant="outlined"
      sx={{ maxWidth: 420, mx: 'auto', mt: { xs: 2, sm: 6 }, p: { xs: 2, sm: 3 } }}
    >
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        Sign in
      </Typography>
      {address ? (
        <>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            Sign in with your organisation’s account to keep your fleet current. You come back to
            this page once you are signed in.
          </Typography>
          <Button variant="contained" href={address} startIcon={<LoginIcon />}>
            Sign in with your organisation
          </Button>
        </>
      ) : (
        <>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            Sign in with your user name and password to keep your fleet current.
          </Typography>
          <SignInForm autoFocus />
        </>
      )}
    </Paper>
  );
}
