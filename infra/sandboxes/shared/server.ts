import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from './express';

export interface Listening {
  port: number;
  url: string;
}

/** A started HTTP server and how to stop it; port 0 picks a free port (tests). */
export class HttpServer {
  private server?: Server;

  constructor(private readonly app: App) {}

  async listen(port: number): Promise<Listening> {
    if (this.server) throw new Error('already listening');
    const server = await new Promise<Server>((resolve, reject) => {
      const started = this.app.listen(port, (error) => (error ? reject(error) : resolve(started)));
    });
    this.server = server;
    const actual = (server.address() as AddressInfo).port;
    return { port: actual, url: `http://127.0.0.1:${actual}` };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    // Keep-alive sockets would hold close() open until they time out.
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }
}
