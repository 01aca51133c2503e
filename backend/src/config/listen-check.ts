import { createServer } from 'node:net';
import { ConfigError } from './app-config';

/**
 * Binds HOST and PORT for a moment before the app starts, so an address this machine does not have,
 * a port taken or not allowed is said in one configuration line, before any database is opened.
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, host, resolve);
    });
  } catch (error) {
    throw new ConfigError(`cannot listen on HOST ${host}, PORT ${port} (${(error as { code?: string }).code ?? (error as Error).message})`);
  }
  await new Promise((resolve) => probe.close(resolve));
}
