/**
 * The device list's query as a page of hawkBit targets: the filter as RSQL (`q`), the order
 * as hawkBit's `sort`, the page as `offset` and `limit`. A device is a target of a camera
 * type:
 *
 * | console            | hawkBit                                                        |
 * | ------------------ | -------------------------------------------------------------- |
 * | id, MAC/serial     | `controllerId`                                                 |
 * | name               | `name`                                                         |
 * | model              | the target type (`targetType.key`)                             |
 * | IP                 | `address`                                                      |
 * | AXIS OS            | the installed distribution set's version                       |
 * | status             | `lastTargetQuery`: unreachable when older than the poll time   |
 * | onboarded          | controller attribute `onboarded`                               |
 * | schedule           | kept by the console's server (hawkBit has none per target)     |
 * | update available   | installed version ≠ the type's current set, per type           |
 *
 * hawkBit sorts targets by its own fields only (`TargetFields`): name, IP, MAC/serial and
 * status (the last poll). The other columns cannot be sorted there (`unsortable`).
 */
import type { DeviceListQuery, DeviceSortField } from '../../../src/api/devices';
import { all, any, compare, contains, outside, within } from './rsql';

/** What the query needs besides itself: facts the console's server keeps or reads. */
export interface DeviceQueryContext {
  /** The current software version of each camera type (model), for "update available". */
  currentVersions: Readonly<Record<string, string>>;
  /** Devices with a maintenance window, from the console's own schedules. */
  windowed: readonly string[];
  now: number;
  /** How long since its last poll a target counts as unreachable. */
  overdueMs: number;
}

export interface TargetQuery {
  q?: string;
  sort: string;
  offset: number;
  limit: number;
}

const SORTS: Partial<Record<DeviceSortField, string>> = {
  name: 'NAME',
  ip: 'IPADDRESS',
  serial: 'CONTROLLERID',
  status: 'LASTCONTROLLERREQUESTAT',
};

/** The columns hawkBit cannot sort by. */
export const unsortable = (field: DeviceSortField): boolean => SORTS[field] === undefined;

/** Matches nothing: for a filter that names no device at all. */
const NOTHING = 'controllerId==""';

type Filter = Pick<
  DeviceListQuery,
  'q' | 'status' | 'model' | 'schedule' | 'id' | 'updateAvailable' | 'onboarded'
>;

/** The filter as RSQL; undefined for "every device". */
export function deviceFilter(filter: Filter, context: DeviceQueryContext): string | undefined {
  const overdueSince = context.now - context.overdueMs;
  const text = filter.q?.trim();
  const versions = Object.entries(context.currentVersions);
  return all(
    text
      ? any(
          contains('name', text),
          contains('targetType.key', text),
          contains('address', text),
          contains('controllerId', text),
          contains('installedDistributionSet.version', text),
        )
      : undefined,
    filter.status === 'unreachable'
      ? compare('lastTargetQuery', '=lt=', overdueSince)
      : filter.status === 'reachable'
        ? compare('lastTargetQuery', '=ge=', overdueSince)
        : undefined,
    filter.model ? (within('targetType.key', filter.model) ?? NOTHING) : undefined,
    filter.id ? (within('controllerId', filter.id) ?? NOTHING) : undefined,
    filter.onboarded === undefined
      ? undefined
      : compare('controllerAttributes.onboarded', filter.onboarded ? '==' : '!=', 'true'),
    filter.schedule === 'unsupported'
      ? compare('controllerAttributes.scheduling', '==', 'unsupported')
      : filter.schedule === 'window'
        ? (within('controllerId', context.windowed) ?? NOTHING)
        : filter.schedule === 'asap'
          ? all(
              compare('controllerAttributes.scheduling', '!=', 'unsupported'),
              outside('controllerId', context.windowed),
            )
          : undefined,
    filter.updateAvailable === undefined
      ? undefined
      : filter.updateAvailable
        ? (any(
            ...versions.map(([model, version]) =>
              all(
                compare('targetType.key', '==', model),
                compare('installedDistributionSet.version', '!=', version),
              ),
            ),
          ) ?? NOTHING)
        : any(
            ...versions.map(([model, version]) =>
              all(
                compare('targetType.key', '==', model),
                compare('installedDistributionSet.version', '==', version),
              ),
            ),
          ),
  );
}

/** The whole query. A caller refuses a column hawkBit cannot sort by first (`unsortable`). */
export function targetQuery(query: DeviceListQuery, context: DeviceQueryContext): TargetQuery {
  const field = SORTS[query.sort] ?? 'NAME';
  const q = deviceFilter(query, context);
  return {
    ...(q ? { q } : {}),
    sort: `${field}:${query.order === 'desc' ? 'DESC' : 'ASC'}`,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  };
}
