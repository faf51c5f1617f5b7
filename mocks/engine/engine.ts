import { getResponse, type HttpHandler } from 'msw';

/** Answers the console's API requests: in the page itself or in a dedicated worker. */
export interface FleetEngine {
  readonly kind: 'worker' | 'page';
  answer(request: Request): Promise<Response>;
}

/** Runs MSW's handlers on a request; `Response.error()` stands for a dropped connection. */
export async function answerWith(handlers: HttpHandler[], request: Request): Promise<Response> {
  const response = await getResponse(handlers, request);
  // The handlers end with a catch-all 404, so no answer means the request left the API.
  return response ?? Response.error();
}
