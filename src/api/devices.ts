import { z } from 'zod/mini';
import { CustomerId, CustomerRef } from './customers';
import { defineEndpoint } from './endpoint';
import { pageFields, pagingFields, sortingFields } from './paging';
import { freezeOverrideField } from './freeze-override';
import { named, queryBoolean, RequestId } from './registry';
import { DeviceSchedule } from './schedules';

export const DeviceStatus = z.enum(['reachable', 'unreachable']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** The operator's words for a device's status: the table, the filter and the CSV export. */
export const DEVICE_STATUS_LABELS: Record<DeviceStatus, string> = {
  reachable: 'Reachable',
  unreachable: 'Unreachable',
};

export const DeviceCategory = z.enum(['camera', 'recorder', 'audio', 'intercom']);

export const DeviceUpdateState = z.enum(['up-to-date', 'available', 'installing', 'rebooting']);
export type DeviceUpdateState = z.infer<typeof DeviceUpdateState>;

export const Device = named(
  'Device',
  'One managed security device (camera, recorder, audio or intercom).',
  z.object({
    id: z.string(),
    name: z
      .nullable(z.string())
      .check(z.core.describe('Name the operator gave, e.g. "Entrance camera".')),
    model: z.string().check(z.core.describe('e.g. "AXIS P3227-LV".')),
    category: DeviceCategory,
    status: DeviceStatus,
    ip: z.string(),
    serial: z.string().check(z.core.describe('MAC address / serial number, 12 hex digits.')),
    software: z.object({
      version: z.string().check(z.core.describe('Installed AXIS OS version.')),
      latestVersion: z.string().check(z.core.describe('Newest AXIS OS published for this model.')),
      updateAvailable: z.boolean(),
    }),
    warranty: z.object({
      status: z.enum(['active', 'expired', 'unknown']),
      expiresOn: z.nullable(z.iso.date()),
    }),
    apps: z.object({
      running: z.int().check(z.minimum(0)),
      stopped: z.int().check(z.minimum(0)),
    }),
    systemApps: z
      .object({
        updatedAt: z
          .nullable(z.iso.datetime())
          .check(
            z.core.describe('When the device last installed a system-app release; null if never.'),
          ),
        pending: z
          .boolean()
          .check(
            z.core.describe(
              'A newer release waits (unreachable, or not onboarded to Connected services).',
            ),
          ),
      })
      .check(
        z.core.describe(
          'Seamless updates (system ACAPs): installed as soon as released, whatever the schedule, without a reboot.',
        ),
      ),
    onboarded: z
      .boolean()
      .check(
        z.core.describe(
          'Onboarded to Connected services; only onboarded devices update automatically.',
        ),
      ),
    supportsScheduling: z.boolean(),
    schedule: DeviceSchedule,
    update: z.object({
      state: DeviceUpdateState.check(
        z.core.describe(
          '`available`: newer software waits for the schedule (or a manual update); `installing` and `rebooting`: an interruptive update is running now.',
        ),
      ),
      targetVersion: z
        .nullable(z.string())
        .check(z.core.describe('The version being or to be installed; null when up to date.')),
      nextCheckAt: z
        .nullable(z.iso.datetime())
        .check(
          z.core.describe(
            'For a device that upgrades as soon as new software is available: its next two-hourly check. Null otherwise.',
          ),
        ),
      manualRequestedAt: z
        .nullable(z.iso.datetime())
        .check(
          z.core.describe(
            'When an operator asked to update it now, if the update has not finished.',
          ),
        ),
    }),
    lastSeenAt: z.iso.datetime(),
    customer: z
      .optional(CustomerRef)
      .check(z.core.describe('Whose device it is; absent where the backend has no customers.')),
  }),
);
export type Device = z.infer<typeof Device>;

export const deviceSortFields = [
  'name',
  'model',
  'status',
  'ip',
  'serial',
  'version',
  'warranty',
  'apps',
] as const;
export const DeviceSortField = z.enum(deviceSortFields);
export type DeviceSortField = z.infer<typeof DeviceSortField>;

export { SortOrder } from './registry';

/** The most ids a filter may name (`id`), so a list query stays a sane URL. */
export const MAX_ID_FILTER = 200;

const filterFields = {
  q: z
    .optional(z.string().check(z.maxLength(200)))
    .check(z.core.describe('Free text: name, model, IP, MAC/serial or version contains it.')),
  status: z.optional(DeviceStatus),
  model: z.optional(z.array(z.string())).check(z.core.describe('Any of these models.')),
  schedule: z
    .optional(z.enum(['asap', 'window', 'unsupported']))
    .check(z.core.describe('`unsupported`: devices that do not support software scheduling.')),
  customer: z
    .optional(z.array(CustomerId))
    .check(
      z.core.describe(
        "Any of these customers, by id. A role limited to one customer sees only that customer's devices whatever this says.",
      ),
    ),
  id: z
    .optional(z.array(z.string()).check(z.maxLength(MAX_ID_FILTER)))
    .check(
      z.core.describe(
        `Only these devices, by id (at most ${MAX_ID_FILTER}): the console's "Show only selected".`,
      ),
    ),
};
const updateAvailableText = 'Devices with newer software published for them.';
const onboardedText = 'Devices onboarded to Connected services.';

/** Which devices, in a JSON body (bulk selections). All given conditions must hold. */
export const DeviceFilter = named(
  'DeviceFilter',
  'Narrows the fleet. All given conditions must hold.',
  z.object({
    ...filterFields,
    updateAvailable: z.optional(z.boolean()).check(z.core.describe(updateAvailableText)),
    onboarded: z.optional(z.boolean()).check(z.core.describe(onboardedText)),
  }),
);
export type DeviceFilter = z.infer<typeof DeviceFilter>;

/** The same filter as query parameters, with paging and sorting. */
export const DeviceListQuery = z.object({
  ...filterFields,
  updateAvailable: queryBoolean(updateAvailableText),
  onboarded: queryBoolean(onboardedText),
  ...pagingFields,
  ...sortingFields(deviceSortFields, 'model'),
});
export type DeviceListQuery = z.infer<typeof DeviceListQuery>;

/** The list's filter and order, without paging: every matching device goes in the file. */
export const DeviceExportQuery = z.omit(DeviceListQuery, { page: true, pageSize: true });
export type DeviceExportQuery = z.infer<typeof DeviceExportQuery>;

/** The columns of the devices CSV, in order. */
export const DEVICE_CSV_COLUMNS = [
  'Name',
  'Model',
  'Status',
  'IP',
  'MAC/Serial',
  'AXIS OS',
  'Latest AXIS OS',
  'Update state',
  'Schedule',
  'Connected services',
  'Warranty',
  'Warranty until',
  'Apps running',
  'Apps stopped',
  'Last seen (UTC)',
] as const;

export const DeviceCsv = named(
  'DeviceCsv',
  `RFC 4180 CSV in UTF-8: a header row (${DEVICE_CSV_COLUMNS.join(', ')}), then one row per device. Instants are UTC ISO 8601. A formula sign (= + - @) at a text's start or after a separator gets a ' before it, and a text with a separator is quoted, so no spreadsheet runs it. Streamed.`,
  z.string(),
);

export const DeviceList = named(
  'DeviceList',
  'One page of devices matching a filter.',
  z.object(pageFields(Device, 'Devices matching the filter, on all pages.')),
);
export type DeviceList = z.infer<typeof DeviceList>;

export const DeviceFacets = named(
  'DeviceFacets',
  'Values to filter by, with how many devices have each, over the whole fleet.',
  z.object({
    total: z.int().check(z.minimum(0)),
    models: z.array(z.object({ model: z.string(), count: z.int().check(z.minimum(0)) })),
  }),
);
export type DeviceFacets = z.infer<typeof DeviceFacets>;

/** Which devices a bulk action is for, without sending 100,000 ids. */
export const DeviceSelection = named(
  'DeviceSelection',
  '`ids`: exactly these devices. `filter`: every device matching the filter except `except`.',
  z.discriminatedUnion('mode', [
    z.object({
      mode: z.literal('ids'),
      ids: z.array(z.string()).check(z.minLength(1), z.maxLength(1000)),
    }),
    z.object({
      mode: z.literal('filter'),
      filter: DeviceFilter,
      except: z._default(z.array(z.string()).check(z.maxLength(1000)), []),
    }),
  ]),
);
export type DeviceSelection = z.infer<typeof DeviceSelection>;

/** A device named in an answer about a selection. */
export const DeviceRef = z.object({
  id: z.string(),
  model: z.string(),
  name: z.nullable(z.string()),
  ip: z.string(),
});
export type DeviceRef = z.infer<typeof DeviceRef>;

const MAX_NAMED = 50;

/** Devices left out of an action, counted, and named up to 50. */
const LeftOut = z.object({
  count: z.int().check(z.minimum(0)),
  devices: z
    .array(DeviceRef)
    .check(
      z.maxLength(MAX_NAMED),
      z.core.describe('The first 50 of them, to name in the console.'),
    ),
});

export const SelectionSummary = named(
  'SelectionSummary',
  'What a selection holds, for the dialogs that act on it.',
  z.object({
    total: z.int().check(z.minimum(0)),
    schedulable: z
      .int()
      .check(z.minimum(0), z.core.describe('Onboarded devices that support software scheduling.')),
    notSupported: LeftOut.check(
      z.core.describe('Devices that do not support software scheduling.'),
    ),
    notOnboarded: LeftOut.check(z.core.describe('Devices not onboarded to Connected services.')),
    updatable: z
      .int()
      .check(
        z.minimum(0),
        z.core.describe('Reachable devices with an update available and none running.'),
      ),
    sharedSchedule: z
      .nullable(DeviceSchedule)
      .check(
        z.core.describe('The schedule every schedulable device shares, or null when they differ.'),
      ),
  }),
);
export type SelectionSummary = z.infer<typeof SelectionSummary>;

export const ScheduleChange = named(
  'ScheduleChange',
  'Sets the software schedule of the selected devices.',
  z.object({ selection: DeviceSelection, schedule: DeviceSchedule }),
);
export type ScheduleChange = z.infer<typeof ScheduleChange>;

export const ScheduleChangeResult = named(
  'ScheduleChangeResult',
  'How many devices took the schedule, and which ignored it.',
  z.object({
    updated: z.int().check(z.minimum(0)),
    notSupported: LeftOut,
    notOnboarded: LeftOut,
  }),
);
export type ScheduleChangeResult = z.infer<typeof ScheduleChangeResult>;

export const ManualUpdateRequest = named(
  'ManualUpdateRequest',
  'Starts the available software update of the selected devices now, outside any window. Repeating a `requestId` returns the first answer and starts nothing again.',
  z.object({
    selection: DeviceSelection,
    requestId: RequestId,
    freezeOverride: freezeOverrideField,
  }),
);
export type ManualUpdateRequest = z.infer<typeof ManualUpdateRequest>;

export const ManualUpdateResult = named(
  'ManualUpdateResult',
  'How many devices started updating, and why the others did not.',
  z.object({
    started: z.int().check(z.minimum(0)),
    skipped: z.array(
      z.object({
        reason: z.enum(['up-to-date', 'unreachable', 'already-updating']),
        count: z.int().check(z.minimum(1)),
      }),
    ),
  }),
);
export type ManualUpdateResult = z.infer<typeof ManualUpdateResult>;

const DeviceIdParams = z.object({ deviceId: z.string().check(z.minLength(1)) });

export const deviceEndpoints = {
  list: defineEndpoint({
    id: 'listDevices',
    method: 'GET',
    path: '/devices',
    tag: 'Devices',
    summary: 'List devices, one page at a time, sorted and filtered by the server',
    query: DeviceListQuery,
    response: DeviceList,
  }),
  exportCsv: defineEndpoint({
    id: 'exportDevices',
    method: 'GET',
    path: '/devices/export',
    tag: 'Devices',
    summary: 'Every device matching the filter, in the list’s order, as a CSV file',
    description:
      'The same filter and sort as `GET /devices`, without paging: the server writes the whole file, so a fleet of 100,000 devices exports without a client holding them. Answers `text/csv` with `Content-Disposition: attachment`.',
    query: DeviceExportQuery,
    response: DeviceCsv,
    produces: 'text/csv',
  }),
  facets: defineEndpoint({
    id: 'getDeviceFacets',
    method: 'GET',
    path: '/devices/facets',
    tag: 'Devices',
    summary: 'Models in the fleet with their device counts, for filters',
    response: DeviceFacets,
  }),
  selectionSummary: defineEndpoint({
    id: 'summarizeDeviceSelection',
    method: 'POST',
    path: '/devices/selection-summary',
    tag: 'Devices',
    summary:
      'What a selection holds: counts, devices that would ignore a schedule, a shared schedule',
    body: DeviceSelection,
    response: SelectionSummary,
  }),
  setSchedule: defineEndpoint({
    id: 'setDeviceSchedule',
    permission: 'change-schedules',
    method: 'PUT',
    path: '/devices/schedule',
    tag: 'Devices',
    summary: 'Set the software schedule of the selected devices',
    description:
      'Devices that do not support scheduling, or are not onboarded to Connected services, ignore it and are listed in the answer.',
    body: ScheduleChange,
    response: ScheduleChangeResult,
  }),
  startUpdates: defineEndpoint({
    id: 'startDeviceUpdates',
    permission: 'update-devices',
    method: 'POST',
    path: '/devices/updates',
    tag: 'Devices',
    summary: 'Update the selected devices now (manual update)',
    description:
      'Interruptive: the devices install and reboot now. Idempotent by `requestId`: the same request again gets the first answer. A `requestId` reused for another request (another method, path or body) is refused with 422 `idempotency_key_reused` and changes nothing. Devices that are up to date, unreachable or already updating are skipped.',
    status: 202,
    body: ManualUpdateRequest,
    response: ManualUpdateResult,
    errors: [422],
  }),
  detail: defineEndpoint({
    id: 'getDevice',
    method: 'GET',
    path: '/devices/{deviceId}',
    tag: 'Devices',
    summary: 'One device',
    params: DeviceIdParams,
    response: Device,
    errors: [404],
  }),
};
