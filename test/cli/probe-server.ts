// Local servers for the command-line tests, on two loopback hosts (127.0.0.1 and 127.0.0.2:
// another host, another origin): every request is recorded with the headers it carried.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';

export const PROBE_APP = 'https://app.example';
const APP = PROBE_APP;
export interface Seen {
  host: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}
export interface ProbeServers {
  /** http://127.0.0.1:port: /cross redirects to B, /same to itself, /bare has no CORS, /exact allows APP only, /hostile, else open. */
  A: string;
  /** http://127.0.0.2:port: the same routes. */
  B: string;
  /** A server that trickles its response head a byte every 50 ms, for ever. */
  T: string;
  close(): Promise<void>;
}

/** CORS that lets every origin through (the subject here is what is sent, not the verdict). */
function open(req: IncomingMessage, res: ServerResponse, status: number, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': req.headers['access-control-request-method'] ?? 'GET',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
    Vary: 'Origin',
    ...extra,
  });
  res.end();
}

function handler(host: () => string, seen: Seen[], b: () => string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    seen.push({ host: host(), method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'OPTIONS') return open(req, res, 204);
    if (path === '/cross') return open(req, res, 302, { Location: `${b()}/landing` });
    if (path === '/same') return open(req, res, 302, { Location: '/landing' });
    if (path === '/bare') return void res.writeHead(200).end();
    if (path === '/exact')
      return void res
        .writeHead(
          200,
          req.headers.origin === APP ? { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } : { Vary: 'Origin' },
        )
        .end();
    // UTF-8 bytes of NEL, RLO and LINE SEPARATOR inside the allowed origin (Node writes latin-1).
    if (path === '/hostile')
      return void res
        .writeHead(200, {
          'Access-Control-Allow-Origin': Buffer.from(`${APP}\u0085\u202e\u2028x`, 'utf8').toString('latin1'),
          'Access-Control-Allow-Credentials': 'true',
        })
        .end();
    open(req, res, 200);
  };
}

const listen = async (s: Server | TcpServer, host: string): Promise<string> => {
  await new Promise<void>((r) => s.listen(0, host, r));
  return `http://${host}:${(s.address() as AddressInfo).port}`;
};

export async function startProbeServers(seen: Seen[]): Promise<ProbeServers> {
  let A = '';
  let B = '';
  const a = createServer(
    handler(
      () => A,
      seen,
      () => B,
    ),
  );
  const b = createServer(
    handler(
      () => B,
      seen,
      () => B,
    ),
  );
  A = await listen(a, '127.0.0.1');
  B = await listen(b, '127.0.0.2');
  // A status line, then one header byte every 50 ms, for ever: never idle, never done.
  const sockets = new Set<Socket>();
  const trickle = createTcpServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.write('HTTP/1.1 200 OK\r\nX-Slow: ');
    const timer = setInterval(() => s.write('a'), 50);
    s.on('close', () => clearInterval(timer));
  });
  const T = await listen(trickle, '127.0.0.1');
  const close = async (): Promise<void> => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => trickle.close(r));
    for (const s of [a, b]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  };
  return { A, B, T, close };
}
