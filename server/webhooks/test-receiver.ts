import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from './signature';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  delivery: string;
  event: string;
  body: string;
  /** Why its signature was refused; null: it checks out. */
  refused: string | null;
}

/**
 * A webhook receiver as a ticket system would run one on this machine: it checks each
 * delivery's signature as the README says, keeps what came, and answers the statuses queued
 * (`answers.push(500)`: the next post fails), then 200. For the server's tests and the e2e
 * journeys; `nowSeconds` is the receiver's clock.
 */
export async function startWebhookReceiver(
  secret: string,
  answers: number[] = [],
  nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
) {
  const received: ReceivedDelivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = request.headers['x-fleet-signature'];
      void verifyWebhookSignature(
        secret,
        typeof header === 'string' ? header : null,
        body,
        nowSeconds(),
      ).then((refused) => {
        received.push({
          headers: request.headers,
          delivery: String(request.headers['x-fleet-delivery']),
          event: String(request.headers['x-fleet-event']),
          body,
          refused,
        });
        const status = refused ? 401 : (answers.shift() ?? 200);
        response.writeHead(status, { 'Content-Type': 'text/plain' });
        response.end(status < 300 ? 'thanks' : (refused ?? 'the ticket queue is down'));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/fleet`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
