/**
 * The fleet refuses a request: the handlers answer `status` in the contract's error shape,
 * with `code` for programs and `message` for the operator.
 */
export class RefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
