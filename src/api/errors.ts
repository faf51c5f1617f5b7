import { z } from 'zod/mini';
import { named } from './registry';

/** The one error shape every endpoint answers with, whatever the status. */
export const ErrorBody = named(
  'Error',
  'The error shape of every non-2xx answer. `message` is written for an operator.',
  z.object({
    code: z
      .string()
      .check(
        z.core.describe(
          'Stable machine-readable code, e.g. `validation_failed`, `not_found`, `conflict`.',
        ),
      ),
    message: z.string().check(z.core.describe('One or two sentences an operator can act on.')),
    details: z
      .optional(z.array(z.object({ path: z.string(), message: z.string() })))
      .check(z.core.describe('Per-field problems, for validation failures.')),
  }),
);
export type ErrorBody = z.infer<typeof ErrorBody>;

export type ApiErrorKind =
  /** The server answered with a non-2xx status. */
  | 'http'
  /** The connection failed or dropped before an answer arrived. */
  | 'network'
  /** No answer within the client's time limit. */
  | 'timeout'
  /** The server answered, but the body does not fit the contract. */
  | 'invalid-response';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  status?: number;
  code?: string;
  details?: ErrorBody['details'];
  cause?: unknown;
}

/** Every failure of an API call, in words an operator can read (`message`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly code: string;
  readonly details: ErrorBody['details'];

  constructor(init: ApiErrorInit) {
    super(init.message, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code ?? init.kind;
    this.details = init.details;
  }

  /** True where trying again later may succeed (server trouble, network, time-out). */
  get retryable(): boolean {
    if (this.kind !== 'http') return this.kind !== 'invalid-response';
    return this.status === undefined || this.status >= 500 || this.status === 429;
  }

  get isConflict(): boolean {
    return this.status === 409;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Words for an operator for a status the server gave no readable body for. */
export function describeStatus(status: number): string {
  if (status === 400) return 'The request was not accepted. Check the values and try again.';
  if (status === 401 || status === 403)
    return 'You are not allowed to do this. Sign in again or ask an administrator.';
  if (status === 404) return 'It was not found. It may have been removed.';
  if (status === 409) return 'Someone or something changed this first. Refresh and try again.';
  if (status === 429) return 'Too many requests. Wait a moment and try again.';
  if (status >= 500) return `The server had a problem (HTTP ${status}). Try again in a moment.`;
  return `The server answered HTTP ${status}.`;
}
