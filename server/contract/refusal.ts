/**
 * A request is refused: the contract layer answers `status` in the contract's error shape,
 * with `code` for programs and `message` for the operator, and any `headers` it needs
 * (`Retry-After` for a sign-in slowed down).
 */
export class RefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
