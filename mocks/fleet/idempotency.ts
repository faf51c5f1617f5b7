import type { Operation } from './operations';
import { RefusedError } from './refusal';

export { canonical } from '../../server/contract/canonical';

/**
 * The operation an idempotency key already did (undefined when none). A key is bound to the
 * request it was first used for (operation and arguments: the method, path and body): the same
 * request again gets the first answer, another request with that key is refused (422) and does
 * nothing.
 */
export function claimKey(
  operations: readonly Operation[],
  requestId: string,
  request: string,
  what: string,
): Operation | undefined {
  const earlier = operations.find(
    (operation) => 'requestId' in operation && operation.requestId === requestId,
  );
  if (earlier && 'request' in earlier && earlier.request !== undefined) {
    if (earlier.request !== request) {
      throw new RefusedError(
        422,
        'idempotency_key_reused',
        `The request ID ${requestId} was already used for another request, so ${what} was not started. Send a new request ID with each new request.`,
      );
    }
  }
  return earlier;
}
