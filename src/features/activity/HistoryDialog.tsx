import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { ActivityListQuery } from '@/api/activity';
import { DataTable } from '@/components/data-table/DataTable';
import { PAGE_SIZE_OPTIONS } from '@/components/data-table/use-list-state';
import { QueryErrorAlert } from '@/components/ErrorAlert';
import { useTimeDisplay } from '@/lib/time-display';
import { activityQueries } from '@/queries/activity';
import { activityColumns, entryId } from './activity-format';

/**
 * "History: <resource>": every change asked of one device, site or server, newest first,
 * with who asked and the result, so an operator can answer "why did this camera reboot?".
 */
export function HistoryDialog({
  resource,
  name,
  onClose,
}: {
  /** `device:<id>`, `site:<device type>:<number>` or `server:<id>`. */
  resource: string;
  /** The resource in words: "AXIS P3227-LV (172.26.180.2)", "Nord GSM site 1017". */
  name: string;
  onClose: () => void;
}) {
  const [display] = useTimeDisplay();
  const [page, setPage] = useState({ page: 1, pageSize: 25 });
  const params = ActivityListQuery.parse({ resource, ...page });
  const history = useQuery(activityQueries.list(params));
  const columns = useMemo(() => activityColumns(display), [display]);
  const title = `History: ${name}`;
  return (
    <Dialog open onClose={onClose} aria-label={title} maxWidth="lg" fullWidth>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={1}>
          {history.isError && !history.data ? (
            <QueryErrorAlert query={history} title="The history could not be loaded." />
          ) : (
            <DataTable
              label={title}
              loadingLabel="Loading the history"
              columns={columns}
              rows={history.data?.items}
              getRowId={entryId}
              busy={history.isPlaceholderData}
              paging={
                history.data
                  ? {
                      total: history.data.total,
                      page: page.page,
                      pageSize: page.pageSize,
                      pageSizeOptions: PAGE_SIZE_OPTIONS,
                      onPage: (next) => setPage({ ...page, page: next }),
                      onPageSize: (pageSize) => setPage({ page: 1, pageSize }),
                    }
                  : undefined
              }
              empty="No change has been asked of it from this console or its API."
            />
          )}
          <Link
            component={RouterLink}
            to={`/activity?resource=${encodeURIComponent(resource)}`}
            onClick={onClose}
          >
            Open in Activity
          </Link>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

export default HistoryDialog;
