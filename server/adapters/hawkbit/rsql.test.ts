// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { all, any, compare, contains, rsqlValue, within } from './rsql';

describe('RSQL for hawkBit', () => {
  it('leaves plain values as they are and quotes what RSQL reserves', () => {
    expect(rsqlValue('camera')).toBe('camera');
    expect(rsqlValue(5.4)).toBe('5.4');
    expect(rsqlValue('AXIS P3227-LV')).toBe('"AXIS P3227-LV"');
    expect(rsqlValue('a;b')).toBe('"a;b"');
    expect(rsqlValue('say "hi" \\ there')).toBe('"say \\"hi\\" \\\\ there"');
    expect(rsqlValue('')).toBe('""');
  });

  it('cannot be widened or broken by an operator’s search text', () => {
    expect(contains('name', 'lobby')).toBe('name==*lobby*');
    // hawkBit cannot search for a literal `*`: it is dropped, never a wildcard mid-text.
    expect(contains('name', 'ax*s')).toBe('name==*axs*');
    // A `,` or `)` is text, not syntax.
    expect(contains('name', 'a),name==*')).toBe('name=="*a),name==*"');
  });

  it('joins conditions, leaving out what is absent', () => {
    expect(
      all(
        within('targetType.key', ['AXIS P3227-LV', 'AXIS M3086-V']),
        undefined,
        any(contains('name', 'door'), contains('address', 'door')),
        compare('lastTargetQuery', '=lt=', 1_733_212_800_000),
      ),
    ).toBe(
      '(targetType.key=in=("AXIS P3227-LV","AXIS M3086-V");(name==*door*,address==*door*);lastTargetQuery=lt=1733212800000)',
    );
    expect(all(undefined)).toBeUndefined();
    expect(within('controllerId', [])).toBeUndefined();
    expect(any(compare('updateStatus', '==', 'error'))).toBe('updateStatus==error');
  });
});
