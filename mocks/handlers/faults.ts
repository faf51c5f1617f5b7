import { HttpResponse, delay, http, type HttpHandler } from 'msw';
import { errorResponse } from './route';

export interface FaultSettings {
  /** Fraction 0–1 of API calls that fail, as a 5xx or a dropped connection. */
  faults: number;
  /** Milliseconds added to each API call. */
  latency: number;
}

export const noFaults: FaultSettings = { faults: 0, latency: 0 };

/** Reads `faults` and `latency` from a page's query string, clamped to sane ranges. */
export function faultsFromSearch(search: string): FaultSettings {
  const params = new URLSearchParams(search);
  const number = (name: string) => {
    const value = Number.parseFloat(params.get(name) ?? '');
    return Number.isFinite(value) ? value : 0;
  };
  return {
    faults: Math.min(1, Math.max(0, number('faults'))),
    latency: Math.min(60_000, Math.max(0, number('latency'))),
  };
}

/**
 * Runs before every API handler: waits `latency`, then fails a `faults` share of calls,
 * half as 503 in the error shape and half as a dropped connection. Otherwise it falls
 * through to the real handler.
 */
export function faultHandler(
  apiRoot: string,
  settings: () => FaultSettings,
  random: () => number = Math.random,
): HttpHandler {
  return http.all(`${apiRoot.replace(/\/$/, '')}/*`, async () => {
    const { faults, latency } = settings();
    if (latency > 0) await delay(latency);
    if (faults > 0 && random() < faults) {
      if (random() < 0.5) return HttpResponse.error();
      return errorResponse(
        503,
        'unavailable',
        'The fleet service is temporarily unavailable (injected fault). Try again.',
      );
    }
    return undefined;
  });
}
