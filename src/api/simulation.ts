/**
 * How the console learns that the built-in fleet (the simulator) answers, rather than a real
 * backend: the fleet marks every answer with `X-Simulated-Fleet: <scenario>`, and in the
 * browser with `X-Simulated-Fleet-Storage: tab` while the browser refuses to store its changes
 * (quota, or storage denied in a cross-site frame). A real backend sends neither.
 */
export const SIMULATED_FLEET_HEADER = 'X-Simulated-Fleet';
export const SIMULATED_STORAGE_HEADER = 'X-Simulated-Fleet-Storage';

export interface Simulation {
  /** The scenario of the fleet that answered, or null when no simulated answer came yet. */
  scenario: string | null;
  /** A change was answered while the browser refused to store it: kept for this tab only. */
  tabOnly: boolean;
}

let state: Simulation = { scenario: null, tabOnly: false };
const listeners = new Set<() => void>();

/** Notes what an answer's headers say of the simulation; `change` for non-GET requests. */
export function noteSimulation(headers: Headers, change: boolean): void {
  const scenario = headers.get(SIMULATED_FLEET_HEADER);
  if (!scenario) return;
  const tabOnly = state.tabOnly || (change && headers.get(SIMULATED_STORAGE_HEADER) === 'tab');
  if (scenario === state.scenario && tabOnly === state.tabOnly) return;
  state = { scenario, tabOnly };
  for (const listener of listeners) listener();
}

export function simulation(): Simulation {
  return state;
}

export function subscribeSimulation(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For tests: forget what earlier answers said. */
export function resetSimulation(): void {
  state = { scenario: null, tabOnly: false };
  for (const listener of listeners) listener();
}

/**
 * Not part of the contract: where the built-in fleet's session ends (`DELETE`, for tests)
 * and starts again (`POST`, the simulated sign-in), below the API root.
 */
export const SIMULATION_SESSION_PATH = '/simulation/session';
