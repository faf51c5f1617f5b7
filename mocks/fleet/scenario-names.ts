/** The built-in fleet's scenarios (`?scenario=`), apart from the data they build. */
export const scenarioNames = ['demo', 'large', 'empty'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (scenarioNames as readonly string[]).includes(value);
}
