/** The refusal an action throws (a RefusedError), for tests of the fleet's rules. */
export function refusal(action: () => unknown): { status: number; code: string; message: string } {
  try {
    action();
  } catch (error) {
    return error as { status: number; code: string; message: string };
  }
  throw new Error('expected a refusal');
}
