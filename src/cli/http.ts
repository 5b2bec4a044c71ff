// One HTTP exchange, the way the browser's network stack makes it for a CORS request: no redirect
// followed (the caller follows them by hand, with the browser's rules), a fresh connection, and
// only the response head read. Header bytes come back one char per byte (latin-1), as the lab and
// src/core/bytes.ts expect.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HeaderLine, ResponseSeen } from '../core/types';

/** A failure that is not an HTTP answer: exit status 2 with this one line. */
export class NetworkError extends Error {}

export interface Outgoing {
  method: string;
  url: string;
  headers: HeaderLine[];
  /** The whole command's --timeout, for the message. */
  timeoutMs: number;
  /**
   * Date.now() by which the answer must be in (default: timeoutMs from now). A deadline, not an
   * idle timeout: a server that trickles its head a byte at a time still runs out of time.
   */
  deadline?: number;
}

export type Send = (req: Outgoing) => Promise<ResponseSeen>;

// Chromium accepts response heads up to 256 KiB (net/http/http_stream_parser.cc
// kMaxHeaderBufSize); Node's default of 16 KiB would turn a long ACAO into a network error.
const MAX_HEAD = 256 * 1024;

export const send: Send = (req) =>
  new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      reject(new NetworkError(`not a URL: ${req.url}`));
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new NetworkError(`only http and https URLs can be checked, not ${url.protocol}`));
      return;
    }
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' ? undefined : '';
    // Raw [name, value…] keeps case, order and repeats; Node then adds no Host of its own.
    const headers = ['Host', url.host, ...req.headers.flatMap((h) => [h.name, h.value])];
    if (body !== undefined) headers.push('Content-Length', '0');
    const left = (req.deadline ?? Date.now() + req.timeoutMs) - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onError = (err: Error & { code?: string }): void => {
      clearTimeout(timer);
      reject(new NetworkError(describe(err, url, req.timeoutMs)));
    };
    if (left <= 0) {
      onError(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
      return;
    }
    try {
      const r = request(
        url,
        {
          // Node upper-cases the method on the wire ('patch' goes out as PATCH; Chromium sends it
          // as written). The preflight's Access-Control-Request-Method, which CORS judges, is ours
          // and keeps the page's spelling.
          method: req.method,
          headers,
          agent: false,
          // Browsers read header values that Node's strict parser refuses (control bytes, obs-fold).
          insecureHTTPParser: true,
          maxHeaderSize: MAX_HEAD,
        },
        (res: IncomingMessage) => {
          clearTimeout(timer);
          res.destroy();
          // Chromium fails a response whose head holds a NUL byte (net::ERR_INVALID_HTTP_RESPONSE,
          // observed on Chromium 156 with the lab's edge-acao-nul): no response, no CORS check.
          if (res.rawHeaders.some((h) => h.includes('\0'))) onError(Object.assign(new Error('a NUL byte in a response header'), { code: 'HPE_NUL' }));
          else resolve({ status: res.statusCode ?? 0, headers: pairs(res.rawHeaders) });
        },
      );
      timer = setTimeout(() => r.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), left);
      r.on('error', onError);
      r.end(body);
    } catch (err) {
      onError(err as Error);
    }
  });

function pairs(raw: string[]): HeaderLine[] {
  const out: HeaderLine[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push({ name: raw[i]!, value: raw[i + 1]! });
  return out;
}

/** One line a person can act on. */
function describe(err: Error & { code?: string }, url: URL, timeoutMs: number): string {
  const where = `${url.protocol}//${url.host}`;
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return `connection refused by ${where}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `DNS: cannot resolve ${url.hostname}`;
  if (code === 'ETIMEDOUT') return `no complete answer from ${where} within ${timeoutMs} ms (--timeout bounds the whole probe; raise it)`;
  if (code === 'ECONNRESET') return `${where} closed the connection without an answer`;
  if (code.startsWith('HPE_')) return `invalid HTTP response from ${where} (${oneLine(err.message)})`;
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `TLS: ${oneLine(err.message)} (${where})`;
  return `network error for ${where}: ${oneLine(err.message)}`;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim().slice(0, 200);
