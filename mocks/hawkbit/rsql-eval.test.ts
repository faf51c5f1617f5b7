// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { all, any, compare, contains, outside, within } from '../../server/adapters/hawkbit/rsql';
import { parseRsql, parseRsqlWithEqualities, RsqlError } from './rsql-eval';

const targets: Record<string, string | number>[] = [
  {
    controllerId: 'ACCC8EF37A0E',
    name: 'Entrance; main',
    'targetType.key': 'AXIS P3227-LV',
    lastTargetQuery: 100,
  },
  {
    controllerId: 'B8A44F123086',
    name: 'Lobby',
    'targetType.key': 'AXIS M3086-V',
    lastTargetQuery: 300,
  },
  {
    controllerId: 'B8A44F208016',
    name: 'Front "door"',
    'targetType.key': 'AXIS I8016-LVE',
    lastTargetQuery: 200,
  },
];
const fields = new Set(Object.keys(targets[0] ?? {}));

function ids(q: string): string[] {
  const predicate = parseRsql(q, (field) => fields.has(field));
  return targets
    .filter((target) => predicate((field) => target[field]))
    .map((target) => String(target.controllerId));
}

describe("the stand-in's RSQL", () => {
  it('reads what the console’s server builds, quoting and escaping included', () => {
    expect(ids(contains('name', 'main'))).toEqual(['ACCC8EF37A0E']);
    expect(ids(contains('name', 'MAIN'))).toEqual(['ACCC8EF37A0E']);
    expect(ids(contains('name', '"door"'))).toEqual(['B8A44F208016']);
    expect(ids(within('targetType.key', ['AXIS M3086-V', 'AXIS I8016-LVE']) ?? '')).toEqual([
      'B8A44F123086',
      'B8A44F208016',
    ]);
    expect(ids(outside('controllerId', ['B8A44F123086']) ?? '')).toEqual([
      'ACCC8EF37A0E',
      'B8A44F208016',
    ]);
    expect(
      ids(
        all(
          compare('lastTargetQuery', '=ge=', 150),
          any(contains('name', 'lobby'), contains('name', 'door')),
        ) ?? '',
      ),
    ).toEqual(['B8A44F123086', 'B8A44F208016']);
  });

  it('binds ; tighter than , as RSQL does', () => {
    expect(ids('name==Lobby,name==*door*;lastTargetQuery=lt=150')).toEqual(['B8A44F123086']);
  });

  it('refuses what is not RSQL, or names a field the target lacks, with words', () => {
    expect(() => ids('name==')).toThrow(RsqlError);
    expect(() => ids('(name==Lobby')).toThrow(/missing "\)"/);
    expect(() => ids('colour==red')).toThrow(
      'The query names a field hawkBit does not know: "colour".',
    );
  });

  it('names the exact comparisons every match meets, so an index may narrow the search first', () => {
    const known = () => true;
    const equal = (q: string) => Object.fromEntries(parseRsqlWithEqualities(q, known).equal);
    expect(equal('(targetType.key=="Nord GSM";(name==a,name==b);updateStatus==pending)')).toEqual({
      'targetType.key': 'Nord GSM',
      updateStatus: 'pending',
    });
    // Not met by every match: one side of an "or", a wildcard, a negation.
    expect(equal('targetType.key==A,targetType.key==B')).toEqual({});
    expect(equal('name==*door*;address!=x')).toEqual({});
  });
});
