import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import {
  APPROVAL_STATUS_LABELS,
  rulesWords,
  type Approval,
  type ApprovalRules,
} from '@/api/approvals';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { Notice } from '@/components/Notice';
import { PageHeader } from '@/components/PageHeader';
import { PermittedButton } from '@/components/PermittedButton';
import { TableSkeleton } from '@/components/TableSkeleton';
import { RolloutPreview } from '@/features/rollouts/public';
import { UpdateAllSummary } from '@/features/sites/public';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useTimeDisplay, type TimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';
import { approvalQueries } from '@/queries/approvals';
import { useSession } from '@/queries/session';
import type { DecisionKind } from './DecisionDialog';

const DecisionDialog = lazy(() =>
  import('./DecisionDialog').then((m) => ({ default: m.DecisionDialog })),
);
const RulesDialog = lazy(() => import('./RulesDialog').then((m) => ({ default: m.RulesDialog })));

const at = (iso: string, display: TimeDisplay) =>
  formatZonedInstant(new Date(iso), display.zone, display.locale);

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Stack component="section" aria-labelledby={id} spacing={1.5}>
      <Typography id={id} variant="h6" component="h2">
        {title}
      </Typography>
      {children}
    </Stack>
  );
}

/** A request waiting for a decision: who asked, why it waits, what it will do, the decisions. */
function WaitingRequest({
  approval,
  mine,
  display,
  onDecide,
}: {
  approval: Approval;
  mine: boolean;
  display: TimeDisplay;
  onDecide: (kind: DecisionKind) => void;
}) {
  const titleId = useId();
  const gone = !approval.preview && !approval.updateAll;
  return (
    <Paper component="article" variant="outlined" aria-labelledby={titleId} sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ alignItems: 'center', flexWrap: 'wrap' }}
        >
          <Typography id={titleId} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {approval.title}
          </Typography>
          <Chip size="small" variant="outlined" label={`Request ${approval.id}`} />
        </Stack>
        <Typography variant="body2">
          Asked by {approval.requestedBy.name} on {at(approval.requestedAt, display)} · stands until{' '}
          {at(approval.expiresAt, display)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Waits because: {approval.why}
        </Typography>
        {approval.note ? (
          <Typography variant="body2">
            Note from {approval.requestedBy.name}: “{approval.note}”
          </Typography>
        ) : null}
        {approval.preview ? <RolloutPreview preview={approval.preview} /> : null}
        {approval.updateAll ? <UpdateAllSummary plan={approval.updateAll} /> : null}
        {gone ? (
          <Alert severity="warning" role="note">
            It can no longer be made as asked: its sites have changed since. Approving it says why;
            deny it, or ask {approval.requestedBy.name} to withdraw it and plan again.
          </Alert>
        ) : null}
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ alignItems: 'center', flexWrap: 'wrap' }}
        >
          {mine ? (
            <>
              <Typography variant="body2" sx={{ mr: 1 }}>
                You asked for this change: another person must approve it.
              </Typography>
              <PermittedButton
                permission="update-sites"
                variant="outlined"
                onClick={() => onDecide('withdraw')}
              >
                Withdraw…
              </PermittedButton>
            </>
          ) : (
            <>
              <PermittedButton
                permission="approve-changes"
                variant="contained"
                onClick={() => onDecide('approve')}
              >
                Approve…
              </PermittedButton>
              <PermittedButton
                permission="approve-changes"
                variant="outlined"
                color="error"
                onClick={() => onDecide('deny')}
              >
                Deny…
              </PermittedButton>
            </>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

/** A decided request, in one line: what it was, what became of it, by whom and why. */
function DecidedRequest({ approval, display }: { approval: Approval; display: TimeDisplay }) {
  const by =
    approval.decidedBy && approval.status !== 'expired' ? ` by ${approval.decidedBy.name}` : '';
  const when = approval.decidedAt ? ` on ${at(approval.decidedAt, display)}` : '';
  return (
    <Stack component="li" spacing={0.25} sx={{ py: 1, borderTop: 1, borderColor: 'divider' }}>
      <Typography variant="body2">
        <strong>{approval.title}</strong> (request {approval.id}), asked by{' '}
        {approval.requestedBy.name}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {APPROVAL_STATUS_LABELS[approval.status]}
        {by}
        {when}
        {approval.comment ? `: “${approval.comment}”.` : '.'}
        {approval.rolloutId ? (
          <>
            {' '}
            <Link
              component={RouterLink}
              to={`/firmware/${encodeURIComponent(approval.deviceType)}/rollouts/${approval.rolloutId}`}
            >
              Rollout {approval.rolloutId}
            </Link>
          </>
        ) : null}
      </Typography>
    </Stack>
  );
}

type RulesTarget = { deviceType: string | null; rules: ApprovalRules; own: boolean };

/** Which changes need approval, for the fleet and each type, with "Change…" for administrators. */
function RulesSection({ onChange }: { onChange: (target: RulesTarget) => void }) {
  const rules = useQuery(approvalQueries.rules());
  if (rules.isError && !rules.data) {
    return <QueryErrorAlert query={rules} title="The approval rules could not be loaded." />;
  }
  if (!rules.data) return <TableSkeleton label="Loading the approval rules" rows={3} />;
  const { fleet, deviceTypes } = rules.data;
  const rows: (RulesTarget & { label: string; words: string })[] = [
    { label: 'The fleet', deviceType: null, rules: fleet, own: true, words: rulesWords(fleet) },
    ...deviceTypes.map((type) => ({
      label: type.deviceType,
      deviceType: type.deviceType,
      rules: type.rules ?? fleet,
      own: type.rules !== null,
      words: type.rules ? rulesWords(type.rules) : 'Follows the fleet’s rules.',
    })),
  ];
  return (
    <Stack component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }} aria-label="Approval rules">
      {rows.map((row) => (
        <Stack
          key={row.label}
          component="li"
          direction="row"
          spacing={2}
          useFlexGap
          sx={{
            alignItems: 'center',
            flexWrap: 'wrap',
            py: 1,
            borderTop: 1,
            borderColor: 'divider',
          }}
        >
          <Typography variant="body2" sx={{ fontWeight: 600, minWidth: 120 }}>
            {row.label}
          </Typography>
          <Typography variant="body2" sx={{ flex: '1 1 240px' }}>
            {row.words}
          </Typography>
          <PermittedButton
            permission="change-approval-rules"
            size="small"
            aria-label={`Change the approval rules of ${row.deviceType ?? 'the fleet'}`}
            onClick={() => onChange(row)}
          >
            Change…
          </PermittedButton>
        </Stack>
      ))}
    </Stack>
  );
}

type OpenDialog =
  | { kind: 'decision'; approval: Approval; decision: DecisionKind }
  | ({ kind: 'rules' } & RulesTarget)
  | null;

/**
 * Approvals: the changes waiting for a second person, what became of the others, and the rules
 * that say which changes wait.
 */
export function ApprovalsPage() {
  useDocumentTitle('Approvals');
  const [display] = useTimeDisplay();
  const list = useQuery(approvalQueries.list());
  const session = useSession();
  const me = session.data?.operator.id;
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const waiting = items.filter((item) => item.status === 'waiting');
  const decided = items.filter((item) => item.status !== 'waiting');

  return (
    <Stack spacing={3}>
      <PageHeader
        title="Approvals"
        description="Changes the approval rules name wait here until another person approves them (the change is made then, as the one who asked) or denies them, saying why."
      />
      {list.isError && !list.data ? (
        <QueryErrorAlert query={list} title="The approval requests could not be loaded." />
      ) : null}
      <Section title="Waiting for approval">
        {list.isPending ? <TableSkeleton label="Loading the approval requests" rows={2} /> : null}
        {list.data && waiting.length === 0 ? (
          <Typography color="text.secondary">Nothing waits for approval.</Typography>
        ) : null}
        {waiting.map((approval) => (
          <WaitingRequest
            key={approval.id}
            approval={approval}
            mine={approval.requestedBy.id === me}
            display={display}
            onDecide={(decision) => setDialog({ kind: 'decision', approval, decision })}
          />
        ))}
      </Section>
      {decided.length > 0 ? (
        <Section title="Decided">
          <Stack
            component="ul"
            sx={{ m: 0, p: 0, listStyle: 'none' }}
            aria-label="Decided requests"
          >
            {decided.map((approval) => (
              <DecidedRequest key={approval.id} approval={approval} display={display} />
            ))}
          </Stack>
        </Section>
      ) : null}
      <Section title="Approval rules">
        <RulesSection onChange={(target) => setDialog({ kind: 'rules', ...target })} />
      </Section>
      {dialog?.kind === 'decision' ? (
        <Suspense fallback={null}>
          <DecisionDialog
            approval={dialog.approval}
            kind={dialog.decision}
            onClose={() => setDialog(null)}
            onDone={setNotice}
          />
        </Suspense>
      ) : null}
      {dialog?.kind === 'rules' ? (
        <Suspense fallback={null}>
          <RulesDialog
            deviceType={dialog.deviceType}
            rules={dialog.rules}
            own={dialog.own}
            onClose={() => setDialog(null)}
            onDone={setNotice}
          />
        </Suspense>
      ) : null}
      <Notice message={notice} onClose={() => setNotice(null)} />
    </Stack>
  );
}
