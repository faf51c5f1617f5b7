/**
 * A hawkBit stand-in, for tests and demos only: hawkBit's Management API over Fetch
 * `Request`s, with targets made from the built-in fleet's scenario. Every request is first
 * checked against hawkBit's published document (validate.ts): what hawkBit does not define is
 * refused as hawkBit would (400, 404, 405, 415) with what did not fit. Users `admin`,
 * `operator` and `viewer` (password = name) sign in with HTTP Basic and hold hawkBit's own
 * permission names. Errors have hawkBit's `ExceptionInfo` shape.
 *
 * Served so far: `GET /rest/v1/userinfo`, `GET /rest/v1/targets` (RSQL `q`, `sort`, `offset`,
 * `limit` up to 500) and `GET /rest/v1/targets/{targetId}`. A request hawkBit defines that the
 * stand-in does not serve yet answers 501 and says so.
 */
import { modelCatalog } from '../fleet/device-seeds';
import { buildScenario, type ScenarioName } from '../fleet/scenarios';
import { hawkbitDocument } from './document';
import { parseRsql, RsqlError } from './rsql-eval';
import { requestChecker } from './validate';

const READ = ['READ_TARGET', 'READ_TARGET_TYPE', 'READ_REPOSITORY', 'READ_ROLLOUT'];
const OPERATE = [...READ, 'UPDATE_TARGET', 'CREATE_ROLLOUT', 'HANDLE_ROLLOUT', 'UPDATE_ROLLOUT'];

/** The stand-in's users and their hawkBit permissions; each password is the user's name. */
export const STANDIN_USERS: Readonly<Record<string, readonly string[]>> = {
  viewer: READ,
  operator: OPERATE,
  admin: [
    ...OPERATE,
    'CREATE_REPOSITORY',
    'UPDATE_REPOSITORY',
    'DELETE_REPOSITORY',
    'CREATE_TARGET',
  ],
};

export const STANDIN_TENANT = 'DEFAULT';
const MAX_LIMIT = 500;

interface Target {
  controllerId: string;
  name: string;
  address: string;
  updateStatus: 'in_sync' | 'pending' | 'error' | 'registered' | 'unknown';
  lastControllerRequestAt: number;
  targetType: string;
  installedVersion: string;
  attributes: Record<string, string>;
}

/** The fields RSQL may name on a target, and where each is read. */
const TARGET_FIELDS: Record<string, (target: Target) => string | number> = {
  controllerId: (target) => target.controllerId,
  name: (target) => target.name,
  address: (target) => target.address,
  updateStatus: (target) => target.updateStatus,
  lastTargetQuery: (target) => target.lastControllerRequestAt,
  'targetType.key': (target) => target.targetType,
  'targetType.name': (target) => target.targetType,
  'installedDistributionSet.version': (target) => target.installedVersion,
};

const SORT_FIELDS: Record<string, (target: Target) => string | number> = {
  ID: TARGET_FIELDS.controllerId as (target: Target) => string,
  CONTROLLERID: TARGET_FIELDS.controllerId as (target: Target) => string,
  NAME: TARGET_FIELDS.name as (target: Target) => string,
  IPADDRESS: TARGET_FIELDS.address as (target: Target) => string,
  UPDATESTATUS: TARGET_FIELDS.updateStatus as (target: Target) => string,
  LASTCONTROLLERREQUESTAT: TARGET_FIELDS.lastTargetQuery as (target: Target) => number,
};

function exception(status: number, errorCode: string, message: string, headers: HeadersInit = {}) {
  return Response.json(
    { exceptionClass: 'org.eclipse.hawkbit.standin.StandInException', errorCode, message },
    { status, headers },
  );
}

function readField(target: Target, field: string): string | number | undefined {
  const known = TARGET_FIELDS[field];
  if (known) return known(target);
  const attribute = /^(controllerAttributes|attribute)\.(.+)$/.exec(field)?.[2];
  return attribute === undefined ? undefined : target.attributes[attribute];
}

const knownField = (field: string) =>
  field in TARGET_FIELDS || /^(controllerAttributes|attribute)\..+$/.test(field);

function targetBody(target: Target) {
  return {
    controllerId: target.controllerId,
    name: target.name,
    address: target.address,
    updateStatus: target.updateStatus,
    lastControllerRequestAt: target.lastControllerRequestAt,
    targetTypeName: target.targetType,
    _links: { self: { href: `/rest/v1/targets/${encodeURIComponent(target.controllerId)}` } },
  };
}

export interface StandinOptions {
  scenario: ScenarioName;
  now?: () => number;
}

export function createStandin(options: StandinOptions) {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const check = requestChecker(hawkbitDocument());
  const targets: Target[] = buildScenario(options.scenario).devices.map((device) => ({
    controllerId: device.serial,
    name: device.name ?? device.model,
    address: `http://${device.ip}`,
    updateStatus: 'in_sync',
    lastControllerRequestAt:
      started - (device.status === 'unreachable' ? device.lastSeenBeforeEpochMs : 60_000),
    targetType: device.model,
    installedVersion: device.version,
    attributes: {
      onboarded: String(device.onboarded),
      scheduling:
        modelCatalog[device.model]?.supportsScheduling === false ? 'unsupported' : 'supported',
    },
  }));
  const byId = new Map(targets.map((target) => [target.controllerId, target]));

  function user(request: Request): string | undefined {
    const match = /^Basic\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '');
    if (!match?.[1]) return undefined;
    const [name, ...rest] = atob(match[1]).split(':');
    return name && STANDIN_USERS[name] && rest.join(':') === name ? name : undefined;
  }

  function listTargets(query: URLSearchParams): Response {
    let found = targets;
    const q = query.get('q');
    if (q) {
      try {
        const predicate = parseRsql(q, knownField);
        found = targets.filter((target) => predicate((field) => readField(target, field)));
      } catch (error) {
        if (!(error instanceof RsqlError)) throw error;
        return exception(400, 'hawkbit.server.error.rest.param.rsqlInvalidField', error.message);
      }
    }
    const sort = query.get('sort');
    if (sort) {
      const orders = sort.split(',').map((part) => {
        const [field = '', direction = 'ASC'] = part.split(':');
        return {
          read: SORT_FIELDS[field.toUpperCase()],
          field,
          desc: direction.toUpperCase() === 'DESC',
        };
      });
      const unknown = orders.find((order) => !order.read);
      if (unknown) {
        return exception(
          400,
          'hawkbit.server.error.rest.param.sortParamInvalidField',
          `Targets cannot be sorted by "${unknown.field}".`,
        );
      }
      found = [...found].sort((a, b) => {
        for (const order of orders) {
          const read = order.read as (target: Target) => string | number;
          const x = read(a);
          const y = read(b);
          const difference =
            typeof x === 'number' && typeof y === 'number'
              ? x - y
              : String(x).localeCompare(String(y));
          if (difference !== 0) return order.desc ? -difference : difference;
        }
        return 0;
      });
    }
    const offset = Number(query.get('offset') ?? 0);
    const limit = Math.min(Number(query.get('limit') ?? 50), MAX_LIMIT);
    const content = found.slice(offset, offset + limit).map(targetBody);
    return Response.json({ content, total: found.length, size: content.length });
  }

  return {
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const name = user(request);
      if (!name) {
        return exception(
          401,
          'hawkbit.server.error.unauthorized',
          'Full authentication is required.',
          {
            'WWW-Authenticate': 'Basic realm="hawkBit"',
          },
        );
      }
      let body: unknown;
      const text = request.body ? await request.text() : '';
      if (text !== '') {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          return exception(
            400,
            'hawkbit.server.error.rest.body.notReadable',
            'The body is not JSON.',
          );
        }
      }
      const checked = check({
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        contentType: request.headers.get('Content-Type'),
        body,
      });
      if (!checked.ok) {
        return exception(
          checked.status,
          'hawkbit.standin.request.undefined',
          `hawkBit's Management API does not take this request: ${checked.problems.join('; ')}.`,
        );
      }
      switch (checked.operationId) {
        case 'validateBasicAuth':
          return Response.json({
            tenant: STANDIN_TENANT,
            username: name,
            permissions: STANDIN_USERS[name],
          });
        case 'getTargets':
          if (!STANDIN_USERS[name]?.includes('READ_TARGET')) {
            return exception(
              403,
              'hawkbit.server.error.insufficientpermission',
              'READ_TARGET is needed.',
            );
          }
          return listTargets(url.searchParams);
        case 'getTarget': {
          const target = byId.get(checked.params.targetId ?? '');
          return target
            ? Response.json(targetBody(target))
            : exception(
                404,
                'hawkbit.server.error.repo.entitiyNotFound',
                `Target ${checked.params.targetId} not found.`,
              );
        }
        default:
          return exception(
            501,
            'hawkbit.standin.not.served',
            `The hawkBit stand-in does not serve ${request.method} ${checked.template} yet.`,
          );
      }
    },
  };
}
