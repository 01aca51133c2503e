import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './backend-process';
import { setTimeout as sleep } from 'node:timers/promises';

const FRONTEND = resolve(__dirname, '../../../frontend');
const BUILD_ID = join(FRONTEND, '.next', 'BUILD_ID');

export interface FrontendEnv {
  BACKEND_URL: string;
  ADMIN_API_TOKEN: string;
  ADMIN_USER: string;
  ADMIN_PASSWORD: string;
  /** Suites send wrong passwords on purpose: unless a suite sets this, the limit stays out of the way. */
  ADMIN_LOGIN_FAILURES_PER_MINUTE?: string;
  /** Proxies whose X-Forwarded-For the Next server believes; unset: none. */
  FRONTEND_TRUST_PROXY?: string;
}

/**
 * The real Next server (frontend/server.mjs on the production build in frontend/.next) on its own
 * port, in a process group of its own so `stop` ends anything it spawned too.
 */
export class FrontendProcess {
  output = '';
  private readonly exited: Promise<unknown>;

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
    this.exited = once(child, 'exit');
  }

  static async start(env: FrontendEnv): Promise<FrontendProcess> {
    if (!existsSync(BUILD_ID)) {
      throw new Error(`The frontend build is missing (${BUILD_ID} not found): run \`npm run build -w frontend\` first`);
    }
    const port = await freePort();
    const child = spawn(process.execPath, ['server.mjs'], {
      cwd: FRONTEND,
      // Only what the frontend is documented to read, so a developer's own variables cannot leak in.
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        HOST: '127.0.0.1',
        FRONTEND_PORT: String(port),
        ADMIN_LOGIN_FAILURES_PER_MINUTE: '1000',
        ...env,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const frontend = new FrontendProcess(`http://127.0.0.1:${port}`, child);
    await frontend.waitUntilServing().catch(async (error) => {
      await frontend.stop();
      throw error;
    });
    return frontend;
  }

  /** Stops the whole process group: SIGTERM, then SIGKILL for anything still there after 5 s. */
  async stop(): Promise<void> {
    const group = -this.child.pid!;
    signal(group, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([this.exited.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(resolve, 5_000, false)))]);
    clearTimeout(timer);
    // Anything the server spawned and left behind goes with the group.
    signal(group, 'SIGKILL');
    if (!stopped) await this.exited;
  }

  private async waitUntilServing(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the Next server exited early:\n${this.output}`);
      try {
        // Any answer will do: without credentials the admin page is a 401 from the proxy.
        await fetch(`${this.url}/admin/products`);
        return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`the Next server did not answer within ${timeoutMs} ms:\n${this.output}`);
  }
}

/** Signals a process group, which may already be gone. */
function signal(group: number, name: NodeJS.Signals): void {
  try {
    process.kill(group, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
