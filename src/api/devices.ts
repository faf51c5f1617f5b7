import { z } from 'zod';
import { defineEndpoint } from './endpoint';
import { named, queryBoolean } from './registry';
import { DeviceSchedule } from './schedules';

export const DeviceStatus = z.enum(['reachable', 'unreachable']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const DeviceCategory = z.enum(['camera', 'recorder', 'audio', 'intercom']);

export const Device = named(
  'Device',
  'One managed security device (camera, recorder, audio or intercom).',
  z.object({
    id: z.string(),
    name: z.string().nullable().describe('Name the operator gave, e.g. "Entrance camera".'),
    model: z.string().describe('e.g. "AXIS P3227-LV".'),
    category: DeviceCategory,
    status: DeviceStatus,
    ip: z.string(),
    serial: z.string().describe('MAC address / serial number, 12 hex digits.'),
    software: z.object({
      version: z.string().describe('Installed AXIS OS version.'),
      latestVersion: z.string().describe('Newest AXIS OS published for this model.'),
      updateAvailable: z.boolean(),
    }),
    warranty: z.object({
      status: z.enum(['active', 'expired', 'unknown']),
      expiresOn: z.iso.date().nullable(),
    }),
    apps: z.object({
      running: z.number().int().min(0),
      stopped: z.number().int().min(0),
    }),
    onboarded: z
      .boolean()
      .describe('Onboarded to Connected services; only onboarded devices update automatically.'),
    supportsScheduling: z.boolean(),
    schedule: DeviceSchedule,
    lastSeenAt: z.iso.datetime(),
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

export const SortOrder = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof SortOrder>;

/** Which devices: the filter part of a list query, reused by bulk selections. */
export const DeviceFilter = named(
  'DeviceFilter',
  'Narrows the fleet. All given conditions must hold.',
  z.object({
    q: z
      .string()
      .max(200)
      .optional()
      .describe('Free text: name, model, IP, MAC/serial or version contains it.'),
    status: DeviceStatus.optional(),
    model: z.array(z.string()).optional().describe('Any of these models.'),
    updateAvailable: queryBoolean('Devices with newer software published for them.'),
    schedule: z
      .enum(['asap', 'window', 'unsupported'])
      .optional()
      .describe('`unsupported`: devices that do not support software scheduling.'),
    onboarded: queryBoolean('Devices onboarded to Connected services.'),
  }),
);
export type DeviceFilter = z.infer<typeof DeviceFilter>;

export const DeviceListQuery = DeviceFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: DeviceSortField.default('model'),
  order: SortOrder.default('asc'),
});
export type DeviceListQuery = z.infer<typeof DeviceListQuery>;

export const DeviceList = named(
  'DeviceList',
  'One page of devices matching a filter.',
  z.object({
    items: z.array(Device),
    total: z.number().int().min(0).describe('Devices matching the filter, on all pages.'),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  }),
);
export type DeviceList = z.infer<typeof DeviceList>;

export const DeviceFacets = named(
  'DeviceFacets',
  'Values to filter by, with how many devices have each, over the whole fleet.',
  z.object({
    total: z.number().int().min(0),
    models: z.array(z.object({ model: z.string(), count: z.number().int().min(0) })),
  }),
);
export type DeviceFacets = z.infer<typeof DeviceFacets>;

/** Which devices a bulk action is for, without sending 100,000 ids. */
export const DeviceSelection = named(
  'DeviceSelection',
  '`ids`: exactly these devices. `filter`: every device matching the filter except `except`.',
  z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('ids'), ids: z.array(z.string()).min(1).max(1000) }),
    z.object({
      mode: z.literal('filter'),
      filter: DeviceFilter,
      except: z.array(z.string()).max(1000).default([]),
    }),
  ]),
);
export type DeviceSelection = z.infer<typeof DeviceSelection>;

const DeviceIdParams = z.object({ deviceId: z.string().min(1) });

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
  facets: defineEndpoint({
    id: 'getDeviceFacets',
    method: 'GET',
    path: '/devices/facets',
    tag: 'Devices',
    summary: 'Models in the fleet with their device counts, for filters',
    response: DeviceFacets,
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
