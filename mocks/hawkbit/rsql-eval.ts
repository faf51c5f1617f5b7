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
  constructor(
    private readonly text: string,
    private readonly known: (field: string) => boolean,
  ) {}

  parse(): Predicate {
    const predicate = this.or();
    if (this.at < this.text.length) this.fail(`unexpected "${this.text.slice(this.at)}"`);
    return predicate;
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
    return parts.length === 1 ? (parts[0] as Predicate) : (read) => parts.every((p) => p(read));
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
    return (read) => matches(read(selector), operator, values);
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

function like(actual: string, pattern: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(actual);
}

function compareValues(actual: Value, expected: string): number {
  const a = typeof actual === 'number' ? actual : Number(actual);
  const b = Number(expected);
  if (!Number.isNaN(a) && !Number.isNaN(b) && String(actual ?? '') !== '') return a - b;
  return String(actual ?? '').localeCompare(expected);
}

function matches(actual: Value | readonly Value[], operator: Operator, values: string[]): boolean {
  const all: readonly Value[] = Array.isArray(actual) ? actual : [actual as Value];
  const one = (each: Value): boolean => {
    const text = each === null || each === undefined ? '' : String(each);
    const expected = values[0] ?? '';
    switch (operator) {
      case '==':
        return like(text, expected);
      case '!=':
        return !like(text, expected);
      case '=in=':
        return values.some((value) => like(text, value));
      case '=out=':
        return !values.some((value) => like(text, value));
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
  return operator === '!=' || operator === '=out=' ? all.every(one) : all.some(one);
}

/** The predicate of `q`, or an RsqlError. `known` says which fields the searched entity has. */
export function parseRsql(q: string, known: (field: string) => boolean): Predicate {
  return new Parser(q, known).parse();
}
