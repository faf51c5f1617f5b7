import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useMutation } from '@tanstack/react-query';
import { apiDownload } from '@/api/client';
import { deviceEndpoints, type DeviceExportQuery, type DeviceListQuery } from '@/api/devices';
import { errorMessage } from '@/components/ErrorAlert';

/** Hands a file to the browser as a download. */
function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * "Export CSV": every device matching the search and filters, in the list's order. The server
 * writes the file (the page never holds the devices, only the file while it is saved).
 */
export function ExportButton({ params }: { params: DeviceListQuery }) {
  // The list's filter and order; paging means nothing to a file.
  const query: Partial<DeviceExportQuery> = Object.fromEntries(
    Object.entries(params).filter(([key]) => key !== 'page' && key !== 'pageSize'),
  );
  const exporting = useMutation({
    mutationFn: () => apiDownload(deviceEndpoints.exportCsv, { query }),
    onSuccess: (file) => saveFile(file, `devices-${new Date().toISOString().slice(0, 10)}.csv`),
  });
  return (
    <>
      <Button
        size="small"
        startIcon={<DownloadIcon />}
        disabled={exporting.isPending}
        onClick={() => exporting.mutate()}
      >
        {exporting.isPending ? 'Exporting…' : 'Export CSV'}
      </Button>
      {exporting.isError ? (
        <Alert
          severity="error"
          role="alert"
          onClose={() => exporting.reset()}
          action={
            <Button color="inherit" size="small" onClick={() => exporting.mutate()}>
              Retry
            </Button>
          }
          sx={{ flexBasis: '100%' }}
        >
          The devices could not be exported. {errorMessage(exporting.error)}
        </Alert>
      ) : null}
    </>
  );
}
