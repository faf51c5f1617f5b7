import Stack from '@mui/material/Stack';
import { PageHeader } from '@/components/PageHeader';
import { useDocumentTitle } from '@/lib/use-document-title';
import { ApiTokens } from './ApiTokens';

/** Settings of the console's server: today, the API tokens programs use. */
export function SettingsPage() {
  useDocumentTitle('Settings');
  return (
    <Stack spacing={2}>
      <PageHeader
        title="Settings"
        description="How programs reach the console: API tokens for reports, tickets and scripts."
      />
      <ApiTokens />
    </Stack>
  );
}
