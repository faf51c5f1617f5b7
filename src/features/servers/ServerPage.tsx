import HistoryIcon from '@mui/icons-material/History';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useParams } from 'react-router';
import { HistoryDialog } from '@/features/activity/public';
import { PageHeader } from '@/components/PageHeader';
import { ParentBreadcrumb } from '@/components/ParentBreadcrumb';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { ModuleSetForm } from './ModuleSetForm';
import { serverQueries } from '@/queries/servers';
import { lastResultText, SYNC_STATE_LABELS } from './server-format';
import { SettingsForm } from './SettingsForm';
import { UpgradePanel } from './UpgradePanel';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useTimeDisplay } from '@/lib/time-display';

/** One server: its module set, settings and upgrade job. */
export function ServerPage() {
  const serverId = useParams().serverId ?? '';
  const server = useQuery(serverQueries.detail(serverId));
  const data = server.data;
  const [display] = useTimeDisplay();
  const [history, setHistory] = useState(false);
  useDocumentTitle(data?.name ?? serverId, 'Upgrade Center');
  return (
    <Stack spacing={2}>
      <PageHeader
        title={`Upgrade Center: ${data?.name ?? serverId}`}
        breadcrumb={
          <ParentBreadcrumb label="Upgrade Center" to="/servers" current={data?.name ?? serverId} />
        }
      />
      {server.isError && !data ? (
        <QueryErrorAlert query={server} title="This server could not be loaded." />
      ) : null}
      {server.isPending ? <Skeleton variant="rounded" height={240} /> : null}
      {data ? (
        <>
          <Stack
            direction="row"
            spacing={1}
            useFlexGap
            sx={{ flexWrap: 'wrap', alignItems: 'center' }}
          >
            <Typography color="text.secondary">
              {data.registered ? 'Registered' : 'Not registered'} ·{' '}
              {data.online ? 'Online' : 'Offline'} ·{' '}
              {data.platform === 'windows' ? 'Windows' : 'Linux'} · Synchronization:{' '}
              {SYNC_STATE_LABELS[data.syncState]} · Last upgrade: {lastResultText(data, display)}
            </Typography>
            <Button size="small" startIcon={<HistoryIcon />} onClick={() => setHistory(true)}>
              History
            </Button>
          </Stack>
          <UpgradePanel server={data} />
          <ModuleSetForm server={data} locked={data.job?.state === 'running'} />
          <SettingsForm server={data} />
          {history ? (
            <Suspense fallback={null}>
              <HistoryDialog
                resource={`server:${data.id}`}
                name={data.name}
                onClose={() => setHistory(false)}
              />
            </Suspense>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
