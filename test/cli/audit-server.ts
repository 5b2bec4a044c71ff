// Endpoints for the audit tests, each a real-world way of deciding whether to answer an Origin:
// echo anything, allow 'null', careless regular expressions, trust every subdomain or plain http,
// and one exact allow-list. All answer OPTIONS and GET with the same decision.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const APP = 'https://app.example.com';

const ALLOW: Record<string, (origin: string) => boolean> = {
  '/echo': () => true,
  '/null': (o) => o === APP || o === 'null',
  // "starts with the app's origin": accepts https://app.example.com.evil.example
  '/regex-no-end': (o) => /^https:\/\/app\.example\.com/.test(o),
  // "ends with our domain", no dot before it: accepts https://evilexample.com
  '/regex-no-dot': (o) => /example\.com$/.test(o),
  // the dots unescaped: accepts http://appxexample.com
  '/regex-dots': (o) => /^http:\/\/app.example.com$/.test(o),
  '/subdomains': (o) => /^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(o),
  '/any-scheme': (o) => o === APP || o === 'http://app.example.com',
  '/exact': (o) => o === APP || o === 'http://app.example.com:8080',
};

export async function startAuditServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const allow = ALLOW[path];
    const origin = req.headers.origin;
    const headers: Record<string, string> = { Vary: 'Origin', 'Content-Type': 'application/json' };
    if (allow && typeof origin === 'string' && allow(origin)) {
      headers['Access-Control-Allow-Origin'] = origin;
      headers['Access-Control-Allow-Credentials'] = 'true';
      if (req.method === 'OPTIONS') {
        headers['Access-Control-Allow-Methods'] = 'GET, PUT, DELETE';
        headers['Access-Control-Allow-Headers'] = 'Content-Type';
      }
    }
    res.writeHead(allow ? (req.method === 'OPTIONS' ? 204 : 200) : 404, headers);
    res.end(req.method === 'OPTIONS' ? '' : '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
