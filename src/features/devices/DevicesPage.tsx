import SearchIcon from '@mui/icons-material/Search';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TableContainer from '@mui/material/TableContainer';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { DeviceListQuery, DeviceSortField } from '@/api/devices';
import { ErrorAlert } from '@/components/ErrorAlert';
import { plural } from '@/lib/format';
import { deviceQueries } from './device-queries';
import { DeviceTable } from './DeviceTable';
import { nextSort, pageSizeOptions, parseListParams, writeListParams } from './list-params';

const SEARCH_DELAY_MS = 300;

/** The search box keeps what is typed and writes it to the URL once typing pauses. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // The URL changed underneath (back button, a shared link): show what it says.
    setLastValue(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return undefined;
    const timer = setTimeout(() => onSearch(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <TextField
      type="search"
      size="small"
      label="Search devices"
      value={text}
      onChange={(event) => setText(event.target.value)}
      sx={{ width: 360, maxWidth: '100%' }}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        },
        htmlInput: { 'aria-describedby': 'device-search-help' },
      }}
      helperText={<span id="device-search-help">Name, model, IP, MAC/serial or version</span>}
    />
  );
}

export function DevicesPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = parseListParams(searchParams);
  const list = useQuery(deviceQueries.list(params));

  const update = (change: Partial<DeviceListQuery>, options: { resetPage?: boolean } = {}) => {
    const next = { ...params, ...change, ...(options.resetPage ? { page: 1 } : {}) };
    setSearchParams((current) => writeListParams(current, next), { replace: false });
  };
  const onSort = (field: DeviceSortField) => update(nextSort(params, field), { resetPage: true });
  const onSearch = (q: string) =>
    update({ q: q.trim() === '' ? undefined : q }, { resetPage: true });

  const total = list.data?.total ?? 0;
  const filtered = Boolean(params.q);

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography variant="h4" component="h1">
          Devices
        </Typography>
        {list.data ? (
          <Typography color="text.secondary" aria-live="polite">
            {plural(total, 'device')}
            {filtered ? ' match' : ''}
          </Typography>
        ) : null}
      </Stack>

      <SearchBox value={params.q ?? ''} onSearch={onSearch} />

      {list.isError && !list.data ? (
        <ErrorAlert
          title="The device list could not be loaded"
          error={list.error}
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
        />
      ) : null}

      {list.isPending ? (
        <Paper variant="outlined" aria-busy="true" aria-label="Loading devices">
          {Array.from({ length: 8 }, (_, index) => (
            <Skeleton key={index} variant="text" height={36} sx={{ mx: 2 }} />
          ))}
        </Paper>
      ) : null}

      {list.data ? (
        <Paper variant="outlined">
          {list.isError ? (
            <Box sx={{ p: 1 }}>
              <ErrorAlert
                title="The list could not be refreshed; it shows the last answer"
                error={list.error}
                onRetry={() => void list.refetch()}
                retrying={list.isFetching}
              />
            </Box>
          ) : null}
          <Box sx={{ height: 4 }}>{list.isFetching ? <LinearProgress /> : null}</Box>
          <TableContainer sx={{ maxHeight: 'calc(100vh - 300px)', minHeight: 240 }}>
            <DeviceTable
              devices={list.data.items}
              sort={params.sort}
              order={params.order}
              onSort={onSort}
              busy={list.isPlaceholderData}
            />
          </TableContainer>
          {list.data.items.length === 0 ? (
            <Typography sx={{ p: 3 }} color="text.secondary">
              {filtered
                ? 'No devices match this search. Change or clear the search to see more.'
                : 'There are no devices in this fleet yet.'}
            </Typography>
          ) : null}
          <TablePagination
            component="div"
            count={total}
            page={Math.min(params.page - 1, Math.max(0, Math.ceil(total / params.pageSize) - 1))}
            rowsPerPage={params.pageSize}
            rowsPerPageOptions={[...pageSizeOptions]}
            onPageChange={(_, page) => update({ page: page + 1 })}
            onRowsPerPageChange={(event) =>
              update({ pageSize: Number(event.target.value) }, { resetPage: true })
            }
          />
        </Paper>
      ) : null}
    </Stack>
  );
}
