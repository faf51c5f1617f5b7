/**
 * Helpers for the servers' tests over real sockets: a request sent byte for byte as written
 * (fetch would normalise `%2e%2e` before sending), raw bytes on a TCP connection, and a
 * server listening on a free port.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function send(
  origin: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    const outgoing = httpRequest(
      // A connection of its own (`agent: false`): Node's default agent keeps connections alive,
      // and one the server closes after its keep-alive time, as the next request reuses it,
      // answers ECONNRESET on a busy machine.
      {
        hostname,
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/**
 * Writes `bytes` on a new connection and answers everything the server wrote back before it
 * closed the connection. With `end` (the default) the client says at once that it has no more
 * to send, which a server may take as the client leaving; without it the bytes must ask the
 * server to close (`Connection: close`).
 */
export function sendRaw(origin: string, bytes: string, { end = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A server that closes while bytes are still unread may reset the connection.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
      reject(error);
    });
    if (end) socket.end(bytes);
    else socket.write(bytes);
  });
}

/** The status codes of every response in raw HTTP/1.1 bytes, in order. */
export function statuses(raw: string): number[] {
  return [...raw.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/** A throwaway build folder with an index.html and the given config.json. */
export function tempBuild(config: object = {}): { dir: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'console-build-'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Console</title>');
  writeFileSync(join(folder, 'config.json'), JSON.stringify(config));
  return { dir: folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
