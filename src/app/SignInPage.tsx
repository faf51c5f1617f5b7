import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useDocumentTitle } from '@/lib/use-document-title';
import { SignInForm } from './SignInForm';

/** The sign-in screen: shown instead of the console until the operator has a session. */
export function SignInPage() {
  useDocumentTitle('Sign in');
  return (
    <Paper
      variant="outlined"
      sx={{ maxWidth: 420, mx: 'auto', mt: { xs: 2, sm: 6 }, p: { xs: 2, sm: 3 } }}
    >
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        Sign in
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Sign in with your user name and password to keep your fleet current.
      </Typography>
      <SignInForm autoFocus />
    </Paper>
  );
}
