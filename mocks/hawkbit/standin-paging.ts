/**
 * How the hawkBit stand-in answers a list and an error as hawkBit does: `q` (RSQL over the
 * fields an entity defines), `sort`, `offset` and `limit` (at most 500), and hawkBit's
 * `ExceptionInfo` shape.
 */
import { parseRsqlWithEqualities, RsqlError } from './rsql-eval';

const MAX_LIMIT = 500;

export type Field<T> = (item: T) => string | number | undefined;

/** A field RSQL may name: one value, or several (a target's tags), any of which may match. */
export type QueryField<T> = (item: T) => string | number | undefined | readonly string[];

/** What RSQL may name and `sort` may order by, for one kind of entity. */
export interface Fields<T> {
  /** RSQL field names (hawkBit's `…Fields` enums, by their names in queries). */
  query: Record<string, QueryField<T>>;
  /** Map fields (`controllerAttributes.x`, `metadata.x`), read by key. */
  maps?: Record<string, (item: T) => Record<string, string>>;
  /** `sort` field names, upper case. */
  sort: Record<string, Field<T>>;
  /**
   * Items by the lower-cased value of a field, for `field==value` in every match (as a
   * database's index); only for a list of every item it indexes.
   */
  index?: Record<string, ReadonlyMap<string, readonly T[]>>;
}

export function exception(
  status: number,
  errorCode: string,
  message: string,
  headers: HeadersInit = {},
) {
  return Response.json(
    { exceptionClass: 'org.eclipse.hawkbit.standin.StandInException', errorCode, message },
    { status, headers },
  );
}

export const notFound = (what: string) =>
  exception(404, 'hawkbit.server.error.repo.entitiyNotFound', `${what} not found.`);

export function reader<T>(fields: Fields<T>, item: T) {
  return (field: string) => {
    const known = fields.query[field];
    if (known) return known(item);
    const dot = field.indexOf('.');
    const map = dot > 0 ? fields.maps?.[field.slice(0, dot)] : undefined;
    return map ? map(item)[field.slice(dot + 1)] : undefined;
  };
}

export function knows<T>(fields: Fields<T>) {
  return (field: string) => {
    if (field in fields.query) return true;
    const dot = field.indexOf('.');
    return dot > 0 && fields.maps?.[field.slice(0, dot)] !== undefined;
  };
}

/** The items an RSQL query matches (throws RsqlError for a query hawkBit would refuse). */
export function select<T>(items: readonly T[], q: string, fields: Fields<T>): readonly T[] {
  const { predicate, equal } = parseRsqlWithEqualities(q, knows(fields));
  let candidates = items;
  for (const [field, value] of equal) {
    const indexed = fields.index?.[field];
    if (indexed) candidates = indexed.get(value.toLowerCase()) ?? [];
  }
  return candidates.filter((item) => predicate(reader(fields, item)));
}

export const rsqlRefused = (error: RsqlError) =>
  exception(400, 'hawkbit.server.error.rest.param.rsqlInvalidField', error.message);

/** A page as hawkBit answers a list: `q`, then `sort`, then `offset` and `limit` (≤ 500). */
export function page<T>(
  items: readonly T[],
  query: URLSearchParams,
  fields: Fields<T>,
  body: (item: T) => unknown,
): Response {
  let found = items;
  const q = query.get('q');
  if (q) {
    try {
      found = select(items, q, fields);
    } catch (error) {
      if (!(error instanceof RsqlError)) throw error;
      return rsqlRefused(error);
    }
  }
  const sort = query.get('sort');
  if (sort) {
    const orders = sort.split(',').map((part) => {
      const [field = '', direction = 'ASC'] = part.split(':');
      return { read: fields.sort[field.toUpperCase()], field, desc: /^desc$/i.test(direction) };
    });
    const unknown = orders.find((order) => !order.read);
    if (unknown) {
      return exception(
        400,
        'hawkbit.server.error.rest.param.sortParamInvalidField',
        `The list cannot be sorted by "${unknown.field}".`,
      );
    }
    found = [...found].sort((a, b) => {
      for (const order of orders) {
        const read = order.read as Field<T>;
        const x = read(a) ?? '';
        const y = read(b) ?? '';
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
  const content = found.slice(offset, offset + limit).map(body);
  return Response.json({ content, total: found.length, size: content.length });
}
