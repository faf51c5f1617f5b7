/**
 * CSV files the fleet writes (the devices, the activity): RFC 4180 with CRLF line ends, made
 * safe for any spreadsheet, and produced row by row so an export of 100,000 devices is never
 * held whole (the HTTP server streams it).
 */

/** A start a spreadsheet may take as a formula's: = + - @ (after blanks or quotes too), tab or CR. */
const FORMULA_START = /^[\s"]*[=+\-@]|^[\t\r]/;
/**
 * A formula sign after a character where a spreadsheet may start a new cell or row: a
 * spreadsheet that guesses another separator than the comma (`;`, `|`, tab) reads quotes
 * only at a cell's start, so inside a quoted text `x;=cmd|…` it would see a cell `=cmd|…`.
 */
const FORMULA_AFTER_SPLIT = /([,;|\t\r\n][\s"]*)(?=[=+\-@])/g;
/** Characters that make a text quoted: a quote, a line break, or a separator it might guess. */
const SPLITS = /[",;|\t\r\n]/;

/**
 * One cell: a text that a spreadsheet would run as a formula (= + - @ tab or CR at its start,
 * or a formula sign after a `,` `;` `|` tab or line break inside it) gets an apostrophe
 * before that sign; a text holding a quote, a line break or any separator a spreadsheet might
 * guess is quoted. Numbers and booleans are written as they are.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string') {
    if (FORMULA_START.test(text)) text = `'${text}`;
    text = text.replace(FORMULA_AFTER_SPLIT, "$1'");
  }
  return SPLITS.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | boolean | null)[]): string {
  return cells.map(csvCell).join(',');
}

/** A CSV file as its lines, produced as they are read (by a generator, or an async one). */
export class CsvRows {
  constructor(private readonly lines: () => Iterable<string> | AsyncIterable<string>) {}

  /** The lines, each without its line end (a file made by a synchronous generator). */
  [Symbol.iterator](): Iterator<string> {
    const lines = this.lines();
    if (!(Symbol.iterator in lines)) throw new Error('These CSV rows come asynchronously.');
    return lines[Symbol.iterator]();
  }

  /** The whole file at once (tests, small files). */
  text(): string {
    let text = '';
    for (const line of this) text += `${line}\r\n`;
    return text;
  }

  /** The file as UTF-8 chunks of up to `rowsPerChunk` lines, made only when the reader pulls. */
  stream(rowsPerChunk = 500): ReadableStream<Uint8Array> {
    const source = this.lines();
    const lines: Iterator<string> | AsyncIterator<string> =
      Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        let chunk = '';
        for (let count = 0; count < rowsPerChunk; count += 1) {
          const next = await lines.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += `${next.value}\r\n`;
        }
        controller.enqueue(encoder.encode(chunk));
      },
      async cancel() {
        await lines.return?.();
      },
    });
  }
}
