import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { apiRequest } from '@/api/client';
import { SignIn, sessionEndpoints } from '@/api/session';
import { FormTextField } from '@/components/form/FormFields';
import { sessionQueries } from '@/queries/session';
import { markSessionRestored } from './session-state';
import { useSimulation } from './Simulation';

/**
 * User name and password, for a backend whose operators sign in to the console itself
 * (`POST /session`). On the sign-in screen and inside "Your session has ended", where what
 * the operator was doing stays as it was behind the dialog. A refusal keeps what was typed
 * and says what to do.
 */
export function SignInForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const queryClient = useQueryClient();
  const { scenario } = useSimulation();
  const { control, handleSubmit } = useForm<SignIn>({
    resolver: zodResolver(SignIn),
    defaultValues: { username: '', password: '' },
  });
  const signIn = useMutation({
    mutationFn: (body: SignIn) => apiRequest(sessionEndpoints.signIn, { body }),
    onSuccess: async (session) => {
      queryClient.setQueryData(sessionQueries.current().queryKey, session);
      markSessionRestored();
      await queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] !== sessionQueries.all[0],
      });
    },
  });
  return (
    <Stack
      component="form"
      aria-label="Sign in"
      noValidate
      spacing={2}
      onSubmit={(event) => void handleSubmit((body) => signIn.mutate(body))(event)}
    >
      {scenario !== null ? (
        <Alert severity="info" role="note">
          The built-in fleet is simulated: sign in as <b>ines</b> (Viewer), <b>omar</b> (Operator)
          or <b>ada</b> (Administrator). Each one’s password is the same word.
        </Alert>
      ) : null}
      <FormTextField
        control={control}
        name="username"
        label="User name"
        autoComplete="username"
        autoFocus={autoFocus}
        required
        fullWidth
      />
      <FormTextField
        control={control}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        fullWidth
      />
      {signIn.isError ? (
        <Alert severity="error">
          {signIn.error instanceof Error ? signIn.error.message : String(signIn.error)}
        </Alert>
      ) : null}
      <Button type="submit" variant="contained" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </Stack>
  );
}
