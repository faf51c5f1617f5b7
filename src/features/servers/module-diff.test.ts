import { describe, expect, it } from 'vitest';
import type { ServerModule } from '@/api/servers';
import { changedTargets, describeChange, formTargets, moduleChange } from './module-diff';

const modbus: ServerModule = {
  name: 'modbus',
  kind: 'module',
  description: '',
  optional: true,
  installed: '1.3.2',
  target: '1.3.2',
  versions: [],
  dependentTasks: ['Gate controller polling'],
};

describe('module-set diff', () => {
  it('names upgrades, rollbacks (by version order, not text), installs and removals', () => {
    expect(describeChange(moduleChange(modbus, '1.4.0'))).toBe('Upgrade 1.3.2 → 1.4.0');
    expect(describeChange(moduleChange(modbus, '1.2.0'))).toBe('Rollback 1.3.2 → 1.2.0');
    expect(describeChange(moduleChange({ ...modbus, installed: '1.9.0' }, '1.10.0'))).toBe(
      'Upgrade 1.9.0 → 1.10.0',
    );
    expect(describeChange(moduleChange({ ...modbus, installed: null }, '1.4.0'))).toBe(
      'Install 1.4.0',
    );
    expect(moduleChange(modbus, null)).toEqual({
      kind: 'remove',
      from: '1.3.2',
      tasks: ['Gate controller polling'],
    });
    expect(describeChange(moduleChange(modbus, '1.3.2'))).toBe('No change');
  });

  it('sends only the targets the form changed, with null for Not installed', () => {
    const core: ServerModule = { ...modbus, name: 'core', optional: false, target: '2.4.1' };
    const form = formTargets([core, modbus]);
    expect(form).toEqual({ core: '2.4.1', modbus: '1.3.2' });
    expect(changedTargets([core, modbus], { ...form, modbus: '' })).toEqual([
      { name: 'modbus', version: null },
    ]);
    expect(changedTargets([core, modbus], form)).toEqual([]);
  });
});
