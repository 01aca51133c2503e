import { once } from 'node:events';
import { Server, Socket, createServer } from 'node:net';

/**
 * A loopback port that accepts connections and never says a word: what a database host behind a
 * firewall that drops packets, or a hung server, looks like to a client (its connect times out).
 */
export class SilentServer {
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<SilentServer> {
    const server = createServer();
    const silent = new SilentServer(server);
    server.on('connection', (socket) => {
      silent.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => silent.sockets.delete(socket));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return silent;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
