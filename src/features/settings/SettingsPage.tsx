import Stack from '@mui/material/Stack';
import { PageHeader } from '@/components/PageHeader';
import { useDocumentTitle } from '@/lib/use-document-title';
import { ApiTokens } from './ApiTokens';
import { Webhooks } from './Webhooks';

/** Settings of the console's server: the API tokens programs use, and the webhooks it posts to. */
export function SettingsPage() {
  useDocumentTitle('Settings');
  return (
    <Stack spacing={2}>
      <PageHeader
        title="Settings"
        description="How programs reach the console, and how it reaches them: API tokens for reports, tickets and scripts; webhooks for what needs the operator."
      />
      <ApiTokens />
      <Webhooks />
    </Stack>
  );
}
