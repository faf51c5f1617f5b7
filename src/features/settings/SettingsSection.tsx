import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';

/**
 * One section of Settings (a `region` named by its heading): the heading, what it is for, its
 * main button beside them (below them on a phone), and, for a role that may not use it, a
 * `note` saying who may.
 */
export function SettingsSection({
  title,
  description,
  action,
  refused,
  children,
}: {
  title: string;
  description: ReactNode;
  action: ReactNode;
  /** Why the caller may not use the section, and who may; null: they may. */
  refused: string | null;
  children?: ReactNode;
}) {
  const titleId = useId();
  return (
    <Stack component="section" aria-labelledby={titleId} spacing={1.5}>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}
      >
        <div>
          <Typography variant="h6" component="h2" id={titleId}>
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {description}
          </Typography>
        </div>
        <Box sx={{ flexShrink: 0 }}>{action}</Box>
      </Stack>
      {refused ? (
        <Alert severity="info" role="note">
          {refused}
        </Alert>
      ) : (
        children
      )}
    </Stack>
  );
}
