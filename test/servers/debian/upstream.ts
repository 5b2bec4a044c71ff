// The application behind a proxy (nginx, Apache, Caddy): a small JSON API in this process, on
// 127.0.0.1, that behaves the ways real apps do behind a proxy.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamOptions {
  /** The app sets CORS itself too (for the listed page origin), as well as the proxy: two copies. */
  cors?: boolean;
  /** The app echoes any request's Origin with credentials (the unchecked echo people write). */
  reflect?: boolean;
  /** The app wants a session: 401 without Cookie or Authorization, OPTIONS included. */
  auth?: boolean;
}

export interface Upstream {
  /** http://127.0.0.1:PORT */
  origin: string;
  close(): Promise<void>;
}

export async function startUpstream(o: UpstreamOptions, pageOrigin: string): Promise<Upstream> {
  const server = createServer((req, res) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
    if (o.cors) Object.assign(headers, { 'Access-Control-Allow-Origin': pageOrigin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' });
    if (o.reflect && typeof req.headers.origin === 'string') Object.assign(headers, { 'Access-Control-Allow-Origin': req.headers.origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' });
    if (o.auth && req.headers.cookie === undefined && req.headers.authorization === undefined) {
      res.writeHead(401, { ...headers, 'WWW-Authenticate': 'Bearer' });
      res.end('{"error":"login required"}');
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...headers, Allow: 'GET, HEAD, POST, PUT, DELETE' });
      res.end();
      return;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify({ path: req.url?.split('?')[0], method: req.method }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
