/**
 * hawkBit's search language (FIQL/RSQL, the `q` parameter), built from parts so that no
 * operator's text can change a query's meaning: a value with a reserved character is quoted
 * and its quotes and backslashes escaped; `*` is hawkBit's wildcard, so text searched for
 * "contains" has its own `*` taken out rather than widening the search.
 */

/** Characters RSQL reserves outside quotes (rsql-parser's grammar). */
const RESERVED = /["'();,=!~<>\s]/;

/** One value: as it is when nothing in it is reserved, otherwise in double quotes. */
export function rsqlValue(value: string | number | boolean): string {
  const text = String(value);
  if (text !== '' && !RESERVED.test(text)) return text;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export type Comparison = '==' | '!=' | '=lt=' | '=le=' | '=gt=' | '=ge=';

export function compare(field: string, op: Comparison, value: string | number | boolean): string {
  return `${field}${op}${rsqlValue(value)}`;
}

/** `field=in=(a,b)`; an empty list matches nothing, which RSQL cannot say: undefined. */
export function within(field: string, values: readonly (string | number)[]): string | undefined {
  if (values.length === 0) return undefined;
  return `${field}=in=(${values.map(rsqlValue).join(',')})`;
}

/** `field=out=(a,b)`; an empty list excludes nothing: undefined. */
export function outside(field: string, values: readonly (string | number)[]): string | undefined {
  if (values.length === 0) return undefined;
  return `${field}=out=(${values.map(rsqlValue).join(',')})`;
}

/** `field==*text*`: contains, case-insensitively in hawkBit; the text's own `*` dropped. */
export function contains(field: string, text: string): string {
  const literal = text.replace(/\*/g, '');
  return `${field}==${rsqlValue(`*${literal}*`)}`;
}

const group = (parts: string[], joiner: ';' | ',') =>
  parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(joiner)})`;

/** All of the parts (`;`); undefined when there are none. */
export function all(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part !== '');
  return present.length === 0 ? undefined : group(present, ';');
}

/** Any of the parts (`,`); undefined when there are none. */
export function any(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part !== '');
  return present.length === 0 ? undefined : group(present, ',');
}
