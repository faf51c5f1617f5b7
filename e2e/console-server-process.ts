import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface RunningConsoleServer {
  origin: string;
  port: number;
  /** Stops it as an operator would (SIGTERM) and waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `npm run serve -- --backend fleet` as its own process, as an operator would, and
 * resolves once it says where it listens: its state in PGlite in `dataDir`, or in the
 * PostgreSQL of `database`.
 */
export async function startConsoleServerProcess(options: {
  dataDir?: string;
  database?: string;
  port?: number;
  /** More options, as an operator would add them (`--webhook-interval 500`). */
  args?: readonly string[];
}): Promise<RunningConsoleServer> {
  // tsx itself, not `npx tsx`: tsx passes a signal on to the server and exits after it, so its
  // exit means the port is free.
  const args = ['scripts/serve.ts', '--backend', 'fleet', '--port', String(options.port ?? 0)];
  if (options.dataDir) args.push('--data-dir', options.dataDir);
  if (options.database) args.push('--database', options.database);
  args.push(...(options.args ?? []));
  const child: ChildProcess = spawn(join('node_modules', '.bin', 'tsx'), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // The API line comes once the database is migrated and the fleet loaded.
      const listening = /Fleet Update Console at (http:\/\/[^/\s]+)/.exec(output);
      if (listening?.[1] && output.includes('API:')) resolve(listening[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`The console server stopped (exit ${code}) before it listened:\n${output}`)),
    );
  });
  return {
    origin,
    port: Number(new URL(origin).port),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
