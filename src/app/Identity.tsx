import PersonOutlineIcon from '@mui/icons-material/PersonOutlineOutlined';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { lazy, Suspense } from 'react';
import { grantLabel } from '@/api/customers';
import { useSession } from '@/queries/session';

// Loaded only where the backend offers a sign-out.
const SignOutButton = lazy(() =>
  import('./session-screens').then((m) => ({ default: m.SignOutButton })),
);

/**
 * Who is signed in, their role and the customer it is limited to, in the app bar: "Ada Novak ·
 * Administrator", "Omar Haddad · Operator · Nordic Alarm AB".
 */
export function Identity() {
  const session = useSession();
  if (!session.data) return null;
  const { operator, role, customer } = session.data;
  const grant = grantLabel(role, customer);
  const roleWords = grantLabel(role, null);
  return (
    <Box
      role="group"
      aria-label="Signed in"
      sx={{ display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0, mx: { xs: 0.5, sm: 1 } }}
    >
      <PersonOutlineIcon
        fontSize="small"
        aria-hidden
        sx={{ display: { xs: 'none', sm: 'block' } }}
      />
      <Typography
        variant="body2"
        noWrap
        title={`${operator.name} · ${grant}`}
        sx={{ minWidth: 0, fontSize: { xs: '0.75rem', sm: '0.875rem' } }}
      >
        <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
          {operator.name} ·{' '}
        </Box>
        {roleWords}
        {customer ? (
          // On a phone the customer takes a line of its own, so neither is cut short.
          <Box
            component="span"
            sx={{
              display: { xs: 'block', sm: 'inline' },
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
          >
            <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
              {' · '}
            </Box>
            {customer.name}
          </Box>
        ) : null}
      </Typography>
      {session.data.capabilities?.signOut ? (
        <Suspense fallback={null}>
          <SignOutButton />
        </Suspense>
      ) : null}
    </Box>
  );
}
