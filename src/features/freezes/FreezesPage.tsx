import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useState } from 'react';
import { FREEZE_STATUS_LABELS, type Freeze } from '@/api/freezes';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { Notice } from '@/components/Notice';
import { PageHeader } from '@/components/PageHeader';
import { PermittedButton } from '@/components/PermittedButton';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useDocumentTitle } from '@/lib/use-document-title';
import { freezeQueries } from '@/queries/freezes';
import { freezeDays } from './freeze-words';

const AddFreezeDialog = lazy(() =>
  import('./FreezeDialogs').then((m) => ({ default: m.AddFreezeDialog })),
);
const EndFreezeDialog = lazy(() =>
  import('./FreezeDialogs').then((m) => ({ default: m.EndFreezeDialog })),
);

const STATUS_COLOR = { upcoming: 'info', 'in-force': 'warning', ended: 'default' } as const;

function FreezeCard({ freeze, onEnd }: { freeze: Freeze; onEnd: () => void }) {
  const titleId = useId();
  const ended = freeze.status === 'ended';
  return (
    <Paper component="article" variant="outlined" aria-labelledby={titleId} sx={{ p: 2 }}>
      <Stack spacing={1}>
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ alignItems: 'center', flexWrap: 'wrap' }}
        >
          <Typography id={titleId} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {freeze.name}
          </Typography>
          <Chip
            size="small"
            variant={ended ? 'outlined' : 'filled'}
            color={STATUS_COLOR[freeze.status]}
            label={FREEZE_STATUS_LABELS[freeze.status]}
          />
        </Stack>
        <Typography variant="body2">
          {freeze.deviceType === null ? 'The whole fleet' : freeze.deviceType}: {freezeDays(freeze)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Added by {freeze.createdBy}
          {freeze.endedBy
            ? `; ${Date.parse(freeze.endsAt) <= Date.parse(freeze.startsAt) ? 'cancelled' : 'ended early'} by ${freeze.endedBy}`
            : ''}
          .
          {ended
            ? ''
            : ' No maintenance window, update or wave starts inside it; an administrator may start one with a written reason.'}
        </Typography>
        {ended ? null : (
          <Stack direction="row">
            <PermittedButton
              permission="change-freezes"
              variant="outlined"
              size="small"
              aria-label={`${freeze.status === 'upcoming' ? 'Cancel' : 'End'} the freeze “${freeze.name}”`}
              onClick={onEnd}
            >
              {freeze.status === 'upcoming' ? 'Cancel freeze…' : 'End now…'}
            </PermittedButton>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** Change freezes: the periods in which nothing starts, for the fleet or a device type. */
export function FreezesPage() {
  useDocumentTitle('Change freezes');
  const list = useQuery(freezeQueries.list());
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Freeze | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = list.data?.items ?? [];

  return (
    <Stack spacing={3}>
      <PageHeader
        title="Change freezes"
        description="Over holidays and events nothing may change: inside a freeze no maintenance window, update or rollout wave starts. Windows move after it, waves wait for its end."
        aside={
          <PermittedButton
            permission="change-freezes"
            variant="contained"
            onClick={() => setAdding(true)}
          >
            Add a freeze…
          </PermittedButton>
        }
      />
      {list.isError && !list.data ? (
        <QueryErrorAlert query={list} title="The change freezes could not be loaded." />
      ) : null}
      {list.isPending ? <TableSkeleton label="Loading the change freezes" rows={2} /> : null}
      {list.data && items.length === 0 ? (
        <Typography color="text.secondary">
          No change freeze is in force or planned. Changes start as their windows and rules say.
        </Typography>
      ) : null}
      {items.length > 0 ? (
        <Stack component="section" aria-label="Change freezes" spacing={1.5}>
          {items.map((freeze) => (
            <FreezeCard key={freeze.id} freeze={freeze} onEnd={() => setEnding(freeze)} />
          ))}
        </Stack>
      ) : null}
      {adding ? (
        <Suspense fallback={null}>
          <AddFreezeDialog onClose={() => setAdding(false)} onDone={setNotice} />
        </Suspense>
      ) : null}
      {ending ? (
        <Suspense fallback={null}>
          <EndFreezeDialog freeze={ending} onClose={() => setEnding(null)} onDone={setNotice} />
        </Suspense>
      ) : null}
      <Notice message={notice} onClose={() => setNotice(null)} />
    </Stack>
  );
}
