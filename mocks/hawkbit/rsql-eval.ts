/**
 * The stand-in's reading of hawkBit's search language (FIQL/RSQL, the `q` parameter): parsed
 * into a predicate over a record's fields, with hawkBit's operators (`==` with `*` wildcards,
 * case-insensitive; `!=`; `=lt=`, `=le=`, `=gt=`, `=ge=`, numeric where both sides are
 * numbers; `=in=`, `=out=`), `;` (and) binding tighter than `,` (or), and parentheses. Text
 * that is not RSQL, or a field the caller does not know, is an RsqlError with words, as
 * hawkBit answers 400 for it.
 */
export class RsqlError extends Error {}

type Value = string | number | boolean | null | undefined;
export type FieldReader = (field: string) => Value | readonly Value[];
export type Predicate = (read: FieldReader) => boolean;

const OPERATORS = ['==', '!=', '=lt=', '=le=', '=gt=', '=ge=', '=in=', '=out='] as const;
type Operator = (typeof OPERATORS)[number];

class Parser {
  private at = 0;
  /** The `field==value` comparisons (no wildcard) that every match of a predicate meets. */
  private readonly required = new WeakMap<Predicate, ReadonlyMap<string, string>>();
  constructor(
    private readonly text: string,
    private readonly known: (field: string) => boolean,
  ) {}

  parse(): { predicate: Predicate; equal: ReadonlyMap<string, string> } {
    const predicate = this.or();
    if (this.at < this.text.length) this.fail(`unexpected "${this.text.slice(this.at)}"`);
    return { predicate, equal: this.required.get(predicate) ?? new Map() };
  }

  private fail(why: string): never {
    throw new RsqlError(`The query "${this.text}" is not valid RSQL: ${why} at ${this.at}.`);
  }

  private or(): Predicate {
    const parts = [this.and()];
    while (this.text[this.at] === ',') {
      this.at += 1;
      parts.push(this.and());
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (read) => parts.some((p) => p(read));
  }

  private and(): Predicate {
    const parts = [this.primary()];
    while (this.text[this.at] === ';') {
      this.at += 1;
      parts.push(this.primary());
    }
    if (parts.length === 1) return parts[0] as Predicate;
    const predicate: Predicate = (read) => parts.every((p) => p(read));
    const equal = new Map<string, string>();
    for (const part of parts)
      for (const [field, value] of this.required.get(part) ?? []) equal.set(field, value);
    this.required.set(predicate, equal);
    return predicate;
  }

  private primary(): Predicate {
    if (this.text[this.at] === '(') {
      this.at += 1;
      const inner = this.or();
      if (this.text[this.at] !== ')') this.fail('a missing ")"');
      this.at += 1;
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Predicate {
    const selector = /^[A-Za-z0-9_.-]+/.exec(this.text.slice(this.at))?.[0];
    if (!selector) this.fail('a field name was expected');
    this.at += selector.length;
    if (!this.known(selector)) {
      throw new RsqlError(`The query names a field hawkBit does not know: "${selector}".`);
    }
    const operator = OPERATORS.find((each) => this.text.startsWith(each, this.at));
    if (!operator) this.fail(`an operator (${OPERATORS.join(' ')}) was expected`);
    this.at += operator.length;
    const values = this.arguments(operator === '=in=' || operator === '=out=');
    const expected = values[0] ?? '';
    const match = matcher(operator, values);
    const predicate: Predicate = (read) => match(read(selector));
    if (operator === '==' && !expected.includes('*')) {
      this.required.set(predicate, new Map([[selector, expected]]));
    }
    return predicate;
  }

  private arguments(list: boolean): string[] {
    if (!list) return [this.value()];
    if (this.text[this.at] !== '(') this.fail('a "(" was expected');
    this.at += 1;
    const values = [this.value()];
    while (this.text[this.at] === ',') {
      this.at += 1;
      values.push(this.value());
    }
    if (this.text[this.at] !== ')') this.fail('a ")" was expected');
    this.at += 1;
    return values;
  }

  private value(): string {
    const quote = this.text[this.at];
    if (quote === '"' || quote === "'") {
      let value = '';
      this.at += 1;
      while (this.at < this.text.length && this.text[this.at] !== quote) {
        if (this.text[this.at] === '\\') this.at += 1;
        value += this.text[this.at] ?? '';
        this.at += 1;
      }
      if (this.text[this.at] !== quote) this.fail('an unclosed quote');
      this.at += 1;
      return value;
    }
    const plain = /^[^"'();,=!~<>\s]+/.exec(this.text.slice(this.at))?.[0];
    if (!plain) this.fail('a value was expected');
    this.at += plain.length;
    return plain;
  }
}

/** hawkBit's `==` with `*` wildcards, case-insensitive: compiled once per value. */
function liker(pattern: string): (actual: string) => boolean {
  if (!pattern.includes('*')) {
    const lower = pattern.toLowerCase();
    return (actual) => actual.toLowerCase() === lower;
  }
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const expression = new RegExp(`^${source}$`, 'i');
  return (actual) => expression.test(actual);
}

function compareValues(actual: Value, expected: string): number {
  const a = typeof actual === 'number' ? actual : Number(actual);
  const b = Number(expected);
  if (!Number.isNaN(a) && !Number.isNaN(b) && String(actual ?? '') !== '') return a - b;
  return String(actual ?? '').localeCompare(expected);
}

function matcher(
  operator: Operator,
  values: string[],
): (actual: Value | readonly Value[]) => boolean {
  const expected = values[0] ?? '';
  const likes = values.map(liker);
  const first = likes[0] ?? (() => false);
  const one = (each: Value): boolean => {
    const text = each === null || each === undefined ? '' : String(each);
    switch (operator) {
      case '==':
        return first(text);
      case '!=':
        return !first(text);
      case '=in=':
        return likes.some((like) => like(text));
      case '=out=':
        return !likes.some((like) => like(text));
      case '=lt=':
        return compareValues(each, expected) < 0;
      case '=le=':
        return compareValues(each, expected) <= 0;
      case '=gt=':
        return compareValues(each, expected) > 0;
      case '=ge=':
        return compareValues(each, expected) >= 0;
    }
  };
  const every = operator === '!=' || operator === '=out=';
  return (actual) => {
    const all: readonly Value[] = Array.isArray(actual) ? actual : [actual as Value];
    return every ? all.every(one) : all.some(one);
  };
}

/** The predicate of `q`, or an RsqlError. `known` says which fields the searched entity has. */
export function parseRsql(q: string, known: (field: string) => boolean): Predicate {
  return new Parser(q, known).parse().predicate;
}

/**
 * The predicate of `q` and the `field==value` comparisons (without a wildcard) every match
 * meets, so that a caller may look its candidates up in an index first.
 */
export function parseRsqlWithEqualities(
  q: string,
  known: (field: string) => boolean,
): { predicate: Predicate; equal: ReadonlyMap<string, string> } {
  return new Parser(q, known).parse();
}
