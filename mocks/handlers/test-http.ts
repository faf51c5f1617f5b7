import { expect } from 'vitest';
import { csrfHeader, testApiRoot } from '../node';

/** The built-in API's address of a path ("device-types/Nord%20GSM/update-all"). */
export const url = (path: string) => new URL(path, testApiRoot);

/** Reads a path that must answer 200, as its JSON. */
export async function get<T>(path: string): Promise<T> {
  const response = await fetch(url(path));
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** Posts JSON as the signed-in operator (with the session's CSRF header). */
export async function post(path: string, body: unknown) {
  return fetch(url(path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(await csrfHeader()) },
    body: JSON.stringify(body),
  });
}
