// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActivityExportQuery } from '../../src/api/activity';
import { csvCell, csvLine } from './csv';
import { Fleet } from './fleet';

/** The text a security probe put into a device filter: a DDE formula after a semicolon. */
const PROBE = "x;=cmd|' /C calc'!A0";

/** Splits one CSV line as a spreadsheet that guessed `separator` would, honouring quotes. */
function cellsAsSeenWith(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let at = 0; at < line.length; at += 1) {
    const char = line[at];
    if (quoted) {
      if (char === '"' && line[at + 1] === '"') {
        cell += '"';
        at += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

/**
 * Cells a spreadsheet would run as a formula, whichever separator it guesses, in each row it
 * might see (a quote mid-cell is no quote to it, so a line break inside one starts a row).
 */
function formulas(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .flatMap((line) =>
      [',', ';', '|', '\t'].flatMap((separator) =>
        cellsAsSeenWith(line, separator).filter((cell) => /^[\s"]*[=+\-@]/.test(cell)),
      ),
    );
}

describe('CSV cells', () => {
  it('quote what needs quoting and defuse formulas', () => {
    expect(csvCell('Lobby, east')).toBe('"Lobby, east"');
    expect(csvCell('The "old" one')).toBe('"The ""old"" one"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+46 8 123')).toBe("'+46 8 123");
    expect(csvCell('\tindent')).toBe(`"'\tindent"`);
    expect(csvCell(PROBE)).toBe(`"x;'=cmd|' /C calc'!A0"`);
    expect(csvCell('a|b')).toBe('"a|b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3)).toBe('-3');
  });

  it('never let a spreadsheet run a formula, whichever separator it guesses', () => {
    expect(formulas(csvLine(['Lobby', PROBE, 3]))).toEqual([]);
    // The same line written without quoting would have run the probe's formula.
    expect(formulas(`Lobby,${PROBE},3`)).not.toEqual([]);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('=', '+', '-', '@', ';', '|', '\t', '"'))),
        fc.array(
          fc.string({
            unit: fc.constantFrom('=', '+', '-', '@', ';', '|', ',', 'x', ' ', '"', '\t', '\n'),
          }),
        ),
        (plain, tricky) => formulas(csvLine([...plain, ...tricky])).length === 0,
      ),
      { seed: 20261203 },
    );
  });

  it('are neutralised in the activity export too (a filter holding the probe)', () => {
    const fleet = new Fleet({ scenario: 'demo', now: () => Date.UTC(2024, 10, 8, 10, 0) });
    fleet.setSchedule({ mode: 'filter', filter: { q: PROBE }, except: [] }, { mode: 'asap' });
    const csv = fleet.exportActivity(ActivityExportQuery.parse({})).text();
    expect(csv).toContain("x;'=cmd|' /C calc'!A0");
    expect(formulas(csv)).toEqual([]);
  });
});
