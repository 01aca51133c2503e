import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestDatabases } from './test-databases';
import { testEnv } from './test-env';

const MAIN = resolve(__dirname, '../../dist/src/main.js');

type Readiness = 'healthy' | 'answering' | 'listening';

/** A real backend process (the built app, as `npm run start:backend` runs it) on its own port. */
export class BackendProcess {
  output = '';
  private exited?: Promise<number | null>;

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
    this.exited = once(child, 'exit').then(([code]) => code as number | null);
  }

  /**
   * `until: 'answering'` hands the process over as soon as it serves HTTP, healthy or not (e.g. a
   * backend started while a database is down, whose health check answers 503); `'listening'` as
   * soon as it says it listens, without asking it anything.
   */
  static async start(dbs: TestDatabases, env: Record<string, string> = {}, { until = 'healthy' }: { until?: Readiness } = {}): Promise<BackendProcess> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build -w backend\` first`);
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, PORT: String(port), ...testEnv(dbs), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const backend = new BackendProcess(`http://127.0.0.1:${port}`, child);
    // A process that never becomes ready is not handed to the caller, so nobody else can stop it.
    await backend.waitUntilReady(until).catch(async (error) => {
      await backend.stop('SIGKILL');
      throw error;
    });
    return backend;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Sends the signal and resolves with the exit code once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited!;
  }

  private async waitUntilReady(until: Readiness, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`backend exited early:\n${this.output}`);
      if (until === 'listening') {
        if (this.output.includes('Listening on http')) return;
        await sleep(10);
        continue;
      }
      try {
        const health = await fetch(`${this.url}/api/health`);
        if (health.ok || until === 'answering') return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`backend did not become ${until}:\n${this.output}`);
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}
