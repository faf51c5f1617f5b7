import type { ServerModule } from '@/api/servers';
import { compareVersions } from '@/lib/version';

export type ModuleChange =
  | { kind: 'none' }
  | { kind: 'upgrade' | 'rollback'; from: string; to: string }
  | { kind: 'install'; to: string }
  | { kind: 'remove'; from: string; tasks: string[] };

/** What choosing `target` would do to the module as installed. */
export function moduleChange(module: ServerModule, target: string | null): ModuleChange {
  const installed = module.installed;
  if (target === installed) return { kind: 'none' };
  if (target === null)
    return { kind: 'remove', from: installed ?? '', tasks: module.dependentTasks };
  if (installed === null) return { kind: 'install', to: target };
  return compareVersions(target, installed) < 0
    ? { kind: 'rollback', from: installed, to: target }
    : { kind: 'upgrade', from: installed, to: target };
}

/** "Upgrade 2.4.1 → 2.5.0", "Rollback 2.4.1 → 2.3.0", "Install 1.2.0", "Remove 1.3.2". */
export function describeChange(change: ModuleChange): string {
  switch (change.kind) {
    case 'none':
      return 'No change';
    case 'upgrade':
      return `Upgrade ${change.from} → ${change.to}`;
    case 'rollback':
      return `Rollback ${change.from} → ${change.to}`;
    case 'install':
      return `Install ${change.to}`;
    case 'remove':
      return `Remove ${change.from}`;
  }
}

/** The target set as the form holds it: `''` stands for "Not installed". */
export type TargetForm = Record<string, string>;

export const NOT_INSTALLED = '';

export function formTargets(modules: ServerModule[]): TargetForm {
  return Object.fromEntries(modules.map((module) => [module.name, module.target ?? NOT_INSTALLED]));
}

/** The modules whose target the form changes, as the contract's target change. */
export function changedTargets(
  modules: ServerModule[],
  form: TargetForm,
): { name: string; version: string | null }[] {
  return modules
    .filter((module) => (form[module.name] ?? NOT_INSTALLED) !== (module.target ?? NOT_INSTALLED))
    .map((module) => ({
      name: module.name,
      version: form[module.name] === NOT_INSTALLED ? null : (form[module.name] ?? null),
    }));
}
