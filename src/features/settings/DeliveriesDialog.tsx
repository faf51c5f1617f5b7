import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { WEBHOOK_EVENT_LABELS, type Webhook } from '@/api/webhooks';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useTimeDisplay } from '@/lib/time-display';
import { webhookQueries } from '@/queries/webhooks';
import { attemptWords, deliveryTime, deliveryWords } from './webhook-words';

/** How often the list is read again while it is open: a retry's outcome shows by itself. */
const LIVE_MS = 5000;

/**
 * "Deliveries to …": the newest 50 events sent to one webhook, each with its state, when the
 * next attempt is due, and every attempt with the receiver's answer — live while open.
 */
export function DeliveriesDialog({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const titleId = useId();
  const [display] = useTimeDisplay();
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  const deliveries = useQuery({
    ...webhookQueries.deliveries(webhook.id),
    refetchInterval: LIVE_MS,
  });
  const items = deliveries.data?.items;
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
      fullScreen={phone}
    >
      <DialogTitle id={titleId} sx={{ overflowWrap: 'anywhere' }}>
        Deliveries to {webhook.url}
      </DialogTitle>
      <DialogContent>
        {deliveries.isError && !items ? (
          <QueryErrorAlert query={deliveries} title="The deliveries could not be loaded." />
        ) : !items ? (
          <TableSkeleton label="Loading deliveries" rows={3} />
        ) : items.length === 0 ? (
          <DialogContentText>
            Nothing was sent yet. Use “Send a test”, or wait for an event this webhook listens to.
          </DialogContentText>
        ) : (
          <Stack component="ul" spacing={2} aria-label="Deliveries" sx={{ m: 0, p: 0 }}>
            {items.map((delivery) => (
              <Stack
                component="li"
                key={delivery.id}
                aria-label={`${WEBHOOK_EVENT_LABELS[delivery.event]}: ${deliveryWords(delivery, display)}`}
                spacing={0.5}
                sx={{ listStyle: 'none', borderTop: 1, borderColor: 'divider', pt: 1.5 }}
              >
                <Typography variant="subtitle2" component="h3">
                  {WEBHOOK_EVENT_LABELS[delivery.event]} · {deliveryWords(delivery, display)}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {delivery.title} · {deliveryTime(delivery.createdAt, display)} ·{' '}
                  <code>{delivery.id}</code>
                </Typography>
                <Stack component="ol" spacing={0.25} sx={{ m: 0, pl: 3 }}>
                  {delivery.attempts.map((attempt) => (
                    <Typography
                      component="li"
                      variant="body2"
                      key={attempt.at}
                      sx={{ overflowWrap: 'anywhere' }}
                    >
                      {deliveryTime(attempt.at, display)}: {attemptWords(attempt)}
                    </Typography>
                  ))}
                </Stack>
              </Stack>
            ))}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
