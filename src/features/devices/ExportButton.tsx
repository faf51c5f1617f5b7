import { apiDownload } from '@/api/client';
import { deviceEndpoints, type DeviceExportQuery, type DeviceListQuery } from '@/api/devices';
import { ExportCsvButton } from '@/components/ExportCsvButton';

/** "Export CSV": every device matching the search and filters, in the list's order. */
export function ExportButton({ params }: { params: DeviceListQuery }) {
  // The list's filter and order; paging means nothing to a file.
  const query: Partial<DeviceExportQuery> = Object.fromEntries(
    Object.entries(params).filter(([key]) => key !== 'page' && key !== 'pageSize'),
  );
  return (
    <ExportCsvButton
      download={() => apiDownload(deviceEndpoints.exportCsv, { query })}
      name="devices"
      failed="The devices could not be exported."
    />
  );
}
