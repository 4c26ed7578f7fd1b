import net from 'node:net';

export type ProxyMode = 'pass' | 'stall' | 'refuse';

/**
 * A TCP proxy on loopback in front of a real server (MariaDB), to play a network that fails:
 * - `pass`: bytes flow both ways;
 * - `stall()`: new connections are accepted and nothing flows on any connection, old or new, in
 *   either direction (bytes are held, as a network that drops packets would);
 * - `refuse()`: the port stops listening (new connections get ECONNREFUSED) and every open
 *   connection is closed, as when the database process dies;
 * - `heal()`: back to `pass`; held bytes flow, new connections reach the server again.
 */
export class TcpProxy {
  mode: ProxyMode = 'pass';
  /** Connections accepted so far (each one a client of the proxy). */
  accepted = 0;
  private server: net.Server;
  private readonly pairs = new Set<Pair>();
  private port = 0;

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = this.newServer();
  }

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.listen(0);
    return proxy;
  }

  get address(): { host: string; port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  stall(): void {
    this.mode = 'stall';
  }

  async refuse(): Promise<void> {
    this.mode = 'refuse';
    // Closing the listener waits for its connections: end them first.
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const pair of this.pairs) pair.destroy();
    await closed;
  }

  async heal(): Promise<void> {
    const wasRefusing = this.mode === 'refuse';
    this.mode = 'pass';
    if (wasRefusing) {
      this.server = this.newServer();
      await this.listen(this.port);
    }
    for (const pair of this.pairs) pair.flush();
  }

  async close(): Promise<void> {
    const closed = this.server.listening
      ? new Promise<void>((resolve) => this.server.close(() => resolve()))
      : Promise.resolve();
    for (const pair of this.pairs) pair.destroy();
    await closed;
  }

  private newServer(): net.Server {
    return net.createServer((client) => {
      this.accepted += 1;
      const pair = new Pair(
        client,
        this.target,
        () => this.mode === 'pass',
        () => this.pairs.delete(pair),
      );
      this.pairs.add(pair);
    });
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }
}

/** One client connection and its upstream twin; bytes are held while the proxy is not passing. */
class Pair {
  private upstream: net.Socket | undefined;
  private readonly toServer: Buffer[] = [];
  private readonly toClient: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly client: net.Socket,
    private readonly target: { host: string; port: number },
    private readonly passing: () => boolean,
    private readonly onClose: () => void,
  ) {
    client.on('data', (chunk) => {
      this.toServer.push(chunk);
      this.flush();
    });
    client.on('error', () => this.destroy());
    client.on('close', () => this.destroy());
    this.flush();
  }

  /** Connects upstream and forwards what is held, if the proxy is passing. */
  flush(): void {
    if (this.closed || !this.passing()) return;
    if (!this.upstream) {
      const upstream = net.connect(this.target.port, this.target.host);
      this.upstream = upstream;
      upstream.on('data', (chunk) => {
        this.toClient.push(chunk);
        this.flush();
      });
      upstream.on('error', () => this.destroy());
      upstream.on('close', () => this.destroy());
    }
    while (this.toServer.length > 0) this.upstream.write(this.toServer.shift()!);
    while (this.toClient.length > 0) this.client.write(this.toClient.shift()!);
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.destroy();
    this.upstream?.destroy();
    this.onClose();
  }
}
