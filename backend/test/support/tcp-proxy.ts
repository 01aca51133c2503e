import { once } from 'node:events';
import { Server, Socket, connect, createServer } from 'node:net';
import { freePort } from './backend-process';

/** A statement's packet as a client sends it: its length (3 bytes), sequence 0, COM_QUERY, the text. */
const queryPacket = (text: string) => Buffer.concat([Buffer.from([text.length + 1, 0, 0, 0, 0x03]), Buffer.from(text)]);
const COMMIT = queryPacket('COMMIT');
const ROLLBACK = queryPacket('ROLLBACK');

/**
 * A loopback TCP relay in front of the database server, so a test can make one database
 * unreachable for a running backend (`cut`: open connections reset, new ones refused) and bring it
 * back (`restore`) without touching the server itself or anyone else's connections.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  /** The answer the relay is to lose: see loseAnswerTo and loseCommitAnswerAfter. */
  private trap?: { fragment: Buffer; atCommit: boolean; sprung: () => void };

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  /** Starts relaying on a free loopback port to the host and port of `mysqlUrl`. */
  static async start(mysqlUrl: string): Promise<TcpProxy> {
    const url = new URL(mysqlUrl);
    const target = { host: url.hostname, port: Number(url.port || 3306) };
    const proxy = new TcpProxy(target, await freePort());
    await proxy.restore();
    return proxy;
  }

  /** `mysqlUrl` with its host and port replaced by this relay's. */
  urlFor(mysqlUrl: string): string {
    const url = new URL(mysqlUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** Stops accepting connections and resets every open one. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * The next time a client commits a transaction in which it sent `fragment` (e.g. the start of
   * one statement), relays the COMMIT, waits for the server's answer, drops that answer and cuts
   * every connection, as a network failing at that moment would: the server has committed, the
   * client only hears the connection was lost. Resolves once that has happened; `restore` brings
   * the relay back.
   */
  loseCommitAnswerAfter(fragment: string): Promise<void> {
    return new Promise((sprung) => (this.trap = { fragment: Buffer.from(fragment), atCommit: true, sprung }));
  }

  /** As loseCommitAnswerAfter, for the answer to the next statement containing `fragment` itself (one run outside a transaction). */
  loseAnswerTo(fragment: string): Promise<void> {
    return new Promise((sprung) => (this.trap = { fragment: Buffer.from(fragment), atCommit: false, sprung }));
  }

  /** Accepts and relays connections again, on the same port. */
  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      let fragmentSent = false;
      let answerLost = false;
      client.on('data', (data) => {
        upstream.write(data);
        const trap = this.trap;
        if (trap && data.includes(trap.fragment)) [answerLost, fragmentSent] = [!trap.atCommit, trap.atCommit];
        else if (data.equals(COMMIT)) [answerLost, fragmentSent] = [fragmentSent && !!trap, false];
        else if (data.equals(ROLLBACK)) fragmentSent = false;
      });
      upstream.on('data', (data) => {
        if (!answerLost) return void client.write(data);
        const { sprung } = this.trap!;
        this.trap = undefined;
        void this.cut().then(sprung);
      });
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
  }

  close(): Promise<void> {
    return this.cut();
  }
}
