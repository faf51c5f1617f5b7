// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stripDescriptions } from './strip-descriptions';

describe('the build leaves the contract’s descriptions out', () => {
  it('blanks describe() and named()’s description, and keeps what a person reads', () => {
    const source = [
      "export const Reason = named('Reason', `Why, in ${'words'}.`, z.object({",
      "  reason: z.string().check(z.minLength(10, 'Say in at least 10 characters why.'),",
      "    z.core.describe('Kept in the activity.')),",
      '}));',
    ].join('\n');
    const out = stripDescriptions(source, 'src/api/reason.ts')?.toString() ?? '';
    expect(out).toBe(
      [
        "export const Reason = named('Reason', '', z.object({",
        "  reason: z.string().check(z.minLength(10, 'Say in at least 10 characters why.'),",
        "    z.core.describe('')),",
        '}));',
      ].join('\n'),
    );
  });

  it('leaves a real contract file valid and without a description', () => {
    const file = new URL('../src/api/recalls.ts', import.meta.url);
    const out = stripDescriptions(readFileSync(file, 'utf8'), file.pathname)?.toString() ?? '';
    expect(out).not.toContain('What the recall did.');
    expect(out).toContain('Say in at least 10 characters why the version is recalled.');
    expect(out).toContain("export const RecallResult = named(\n  'RecallResult',\n  '',");
  });
});
