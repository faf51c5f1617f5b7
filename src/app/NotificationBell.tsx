import NotificationsIcon from '@mui/icons-material/NotificationsOutlined';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import type { Notification } from '@/api/notifications';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { MutationError } from '@/components/MutationError';
import { plural } from '@/lib/format';
import { visuallyHidden } from '@/lib/visually-hidden';
import { useTimeDisplay } from '@/lib/time-display';
import { formatZonedInstant } from '@/lib/zoned-format';
import { notificationQueries, useMarkRead } from '@/queries/notifications';

function Item({
  notification,
  onOpen,
}: {
  notification: Notification;
  onOpen: (notification: Notification) => void;
}) {
  const [display] = useTimeDisplay();
  return (
    <Box
      component="li"
      sx={{
        py: 1,
        pl: 1.5,
        pr: 1,
        borderTop: 1,
        borderColor: 'divider',
        borderLeft: 3,
        borderLeftColor: notification.read ? 'transparent' : 'primary.main',
      }}
    >
      <Link
        component={RouterLink}
        to={notification.link}
        onClick={() => onOpen(notification)}
        underline="hover"
        color="inherit"
        sx={{ fontWeight: notification.read ? 400 : 600, display: 'block' }}
      >
        {notification.title}
        {notification.read ? null : <span style={visuallyHidden}>{', unread'}</span>}
      </Link>
      <Typography variant="body2" color="text.secondary">
        {notification.text}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {notification.due
          ? `Ends ${formatZonedInstant(new Date(notification.due), display.zone, display.locale)}`
          : formatZonedInstant(new Date(notification.at), display.zone, display.locale)}
      </Typography>
    </Box>
  );
}

/**
 * The bell in the app bar: how many notifications are unread, and in its panel what needs the
 * operator (approvals waiting, rollouts halted or finished, holds ending), read again every
 * 30 seconds while the console is open. Opening one marks it read.
 */
export default function NotificationBell() {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  const close = () => setAnchor(null);
  const headingId = useId();
  const list = useQuery(notificationQueries.list());
  const mark = useMarkRead();
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];
  const onOpen = (notification: Notification) => {
    if (!notification.read) mark.mutate([notification.id]);
    close();
  };
  return (
    <>
      <IconButton
        color="inherit"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        <Badge badgeContent={unread} color="error" max={99}>
          <NotificationsIcon />
        </Badge>
      </IconButton>
      <Popover
        open={open}
        anchorEl={anchor}
        onClose={close}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{
          paper: {
            role: 'dialog',
            'aria-labelledby': headingId,
            sx: { width: 400, maxWidth: 'calc(100vw - 16px)', maxHeight: '70vh' },
          },
        }}
      >
        <Stack
          direction="row"
          sx={{ alignItems: 'center', justifyContent: 'space-between', px: 1.5, py: 1 }}
        >
          <Typography id={headingId} variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            Notifications
          </Typography>
          <Button
            size="small"
            disabled={unread === 0 || mark.isPending}
            onClick={() => mark.mutate(undefined)}
          >
            Mark all as read
          </Button>
        </Stack>
        {list.isError && !list.data ? (
          <Box sx={{ px: 1.5, pb: 1.5 }}>
            <QueryErrorAlert query={list} title="The notifications could not be loaded." />
          </Box>
        ) : null}
        <Box sx={{ px: 1.5 }}>
          <MutationError error={mark.error} what="Nothing was marked read." />
        </Box>
        {list.data && items.length === 0 ? (
          <Typography color="text.secondary" sx={{ px: 1.5, pb: 1.5 }}>
            Nothing needs you now.
          </Typography>
        ) : null}
        {items.length > 0 ? (
          <Box
            component="ul"
            aria-label={unread > 0 ? `${plural(unread, 'unread notification')}` : 'Notifications'}
            sx={{ m: 0, p: 0, listStyle: 'none' }}
          >
            {items.map((notification) => (
              <Item key={notification.id} notification={notification} onOpen={onOpen} />
            ))}
          </Box>
        ) : null}
      </Popover>
    </>
  );
}
