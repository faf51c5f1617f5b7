import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from './ErrorAlert';

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
 * "Export CSV": a file the server writes (the page never holds the rows, only the file while
 * it is saved), named `<name>-<date>.csv`; a failure says what failed, with Retry.
 */
export function ExportCsvButton({
  download,
  name,
  failed,
}: {
  download: () => Promise<Blob>;
  /** The file's name before the date, e.g. `devices`. */
  name: string;
  /** What did not happen, e.g. "The devices could not be exported." */
  failed: string;
}) {
  const exporting = useMutation({
    mutationFn: download,
    onSuccess: (file) => saveFile(file, `${name}-${new Date().toISOString().slice(0, 10)}.csv`),
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
          {failed} {errorMessage(exporting.error)}
        </Alert>
      ) : null}
    </>
  );
}
