import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { WEBHOOK_EVENT_LABELS, type Webhook } from '@/api/webhooks';
import { DataTable, type DataColumn } from '@/components/data-table/DataTable';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { Notice } from '@/components/Notice';
import { PermittedButton } from '@/components/PermittedButton';
import { useTimeDisplay, type TimeDisplay } from '@/lib/time-display';
import { visuallyHidden } from '@/lib/visually-hidden';
import { usePermission } from '@/queries/session';
import { useTestWebhook, webhookQueries } from '@/queries/webhooks';
import { AddWebhookDialog, RemoveWebhookDialog } from './WebhookDialogs';
import { DeliveriesDialog } from './DeliveriesDialog';
import { deliveryWords } from './webhook-words';
import { SettingsSection } from './SettingsSection';

/**
 * Columns a phone leaves out: under the address, its lines say the events and the last
 * delivery, and carry the buttons.
 */
const WIDE_ONLY = ['events', 'last', 'actions'];

const eventsOf = (webhook: Webhook) =>
  webhook.events.map((event) => WEBHOOK_EVENT_LABELS[event]).join(', ');

interface RowActions {
  onTest: (webhook: Webhook) => void;
  testing: string | null;
  onDeliveries: (webhook: Webhook) => void;
  onRemove: (webhook: Webhook) => void;
}

function webhookColumns(
  display: TimeDisplay,
  compact: boolean,
  actions: RowActions,
): DataColumn<Webhook>[] {
  const last = (webhook: Webhook) =>
    webhook.lastDelivery ? deliveryWords(webhook.lastDelivery, display) : 'Nothing sent yet';
  const buttons = (webhook: Webhook) => (
    <Stack direction="row" spacing={0.5} sx={{ whiteSpace: 'nowrap', ml: compact ? -0.625 : 0 }}>
      <Button
        size="small"
        aria-label={`Send a test to ${webhook.url}`}
        disabled={actions.testing === webhook.id}
        onClick={() => actions.onTest(webhook)}
      >
        Send a test
      </Button>
      <Button
        size="small"
        aria-label={`Deliveries to ${webhook.url}`}
        onClick={() => actions.onDeliveries(webhook)}
      >
        Deliveries
      </Button>
      <Button
        size="small"
        color="error"
        aria-label={`Remove ${webhook.url}…`}
        onClick={() => actions.onRemove(webhook)}
      >
        Remove…
      </Button>
    </Stack>
  );
  return [
    {
      id: 'url',
      header: 'Address',
      accessorFn: (webhook) => webhook.url,
      meta: compact ? {} : { truncate: 320 },
      cell: ({ row }) => (
        <>
          <Typography
            component="code"
            variant="body2"
            sx={{
              fontFamily: 'monospace',
              ...(compact
                ? { display: 'block', whiteSpace: 'normal', overflowWrap: 'anywhere' }
                : {}),
            }}
          >
            {row.original.url}
          </Typography>
          {compact ? (
            <>
              <Typography
                variant="body2"
                color="text.secondary"
                component="span"
                sx={{ display: 'block' }}
              >
                {eventsOf(row.original)} · {last(row.original)}
              </Typography>
              {buttons(row.original)}
            </>
          ) : null}
        </>
      ),
    },
    { id: 'events', header: 'Events', accessorFn: eventsOf, meta: { truncate: 240 } },
    { id: 'last', header: 'Last delivery', accessorFn: last, meta: { truncate: 280 } },
    {
      id: 'actions',
      header: () => <span style={visuallyHidden}>Actions</span>,
      enableSorting: false,
      cell: ({ row }) => buttons(row.original),
    },
  ];
}

const webhookId = (webhook: Webhook) => webhook.id;

/**
 * "Webhooks": where the console's server sends what needs the operator — approvals waiting or
 * decided, rollouts halted or finished, holds ending — signed so that the receiver knows it
 * came from here. Administrators add and remove them, send a test and read every delivery's
 * answer; other roles are told who may.
 */
export function Webhooks() {
  const permitted = usePermission('manage-webhooks');
  const webhooks = useQuery({ ...webhookQueries.list(), enabled: permitted.allowed });
  const [display] = useTimeDisplay();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Webhook | null>(null);
  const [reading, setReading] = useState<Webhook | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** What the last test came to: it stays beside the list until the next one, or closed. */
  const [tested, setTested] = useState<{ text: string; reached: boolean } | null>(null);
  const test = useTestWebhook();
  const runTest = test.mutate;
  const compact = useMediaQuery(useTheme().breakpoints.down('sm'));
  const testing = test.isPending ? (test.variables ?? null) : null;
  const columns = useMemo(
    () =>
      webhookColumns(display, compact, {
        testing,
        onTest: (webhook) =>
          runTest(webhook.id, {
            onSuccess: (delivery) => {
              const reached = delivery.status === 'delivered';
              setTested({
                reached,
                text: reached
                  ? `The test reached ${webhook.url}: ${deliveryWords(delivery, display)}.`
                  : `The test did not reach ${webhook.url}: ${deliveryWords(delivery, display)}. See its deliveries for the answer.`,
              });
            },
            onError: (error) =>
              setTested({ reached: false, text: `The test was not sent: ${error.message}` }),
          }),
        onDeliveries: setReading,
        onRemove: setRemoving,
      }),
    [display, compact, testing, runTest],
  );
  return (
    <SettingsSection
      title="Webhooks"
      description={
        <>
          The server posts what needs the operator to your ticket queue, chat or pager, signed with
          each webhook’s secret (<code>X-Fleet-Signature</code>). A delivery that fails is tried
          again five times, over six hours.
        </>
      }
      action={
        <PermittedButton
          permission="manage-webhooks"
          variant="contained"
          onClick={() => setAdding(true)}
        >
          Add a webhook…
        </PermittedButton>
      }
      refused={permitted.allowed ? null : `${permitted.reason} Ask an administrator to add one.`}
    >
      {tested ? (
        <Alert
          severity={tested.reached ? 'success' : 'warning'}
          role="status"
          onClose={() => setTested(null)}
        >
          {tested.text}
        </Alert>
      ) : null}
      {webhooks.isError && !webhooks.data ? (
        <QueryErrorAlert query={webhooks} title="The webhooks could not be loaded." />
      ) : (
        <DataTable
          label="Webhooks"
          loadingLabel="Loading webhooks"
          columns={columns}
          rows={webhooks.data?.items}
          getRowId={webhookId}
          hidden={compact ? WIDE_ONLY : undefined}
          empty="No webhook yet. Add one for each system that should hear of approvals, halted rollouts and holds."
        />
      )}
      {adding ? (
        <AddWebhookDialog
          onClose={() => setAdding(false)}
          onDone={(webhook) =>
            setNotice(`The webhook ${webhook.url} is added. Send a test to check the receiver.`)
          }
        />
      ) : null}
      {removing ? (
        <RemoveWebhookDialog
          webhook={removing}
          onClose={() => setRemoving(null)}
          onDone={(message) => setNotice(message)}
        />
      ) : null}
      {reading ? <DeliveriesDialog webhook={reading} onClose={() => setReading(null)} /> : null}
      <Notice message={notice} onClose={() => setNotice(null)} />
    </SettingsSection>
  );
}
