// `audit`: does the endpoint let origins other than the app's read credentialed responses? For a
// bounded set of hostile origins (six, two requests each: at most a dozen), one simple credentialed
// GET and one preflight for a credentialed PUT, judged by the same validator as the browser. Only
// the URL given is asked; redirects are not followed.
import { renderSnippet } from '../core/fix/stacks/index';
import { redactUrl } from '../core/redact';
import type { Finding, HeaderLine, RequestRecord, ResponseSeen, StackId } from '../core/types';
import { isBlocked, validate } from '../core/validate';
import { send as realSend, type Send } from './http';
import { paint, safe, table, type Style } from './style';

export interface Probe {
  kind: 'unrelated' | 'null' | 'suffix' | 'prefix' | 'http' | 'dot' | 'sibling';
  origin: string;
  why: string;
}

export interface Hole extends Probe {
  /** The credentialed GET's response lets this origin read it. */
  reads: boolean;
  /** The preflight lets this origin send a credentialed PUT with a JSON body. */
  writes: boolean;
}

export interface AuditResult {
  url: string;
  origin: string;
  probes: Probe[];
  holes: Hole[];
  /** The exact allow-list, as the validator writes it for the app's origin (snippets from `spec`). */
  fix: { headers: string[]; spec: Finding['fix']['spec'] | undefined };
  requests: number;
}

/** A name under the reserved .example TLD (RFC 2606): never a real site. */
const EVIL = 'cors-inspector-audit.example';

/** The hostile origins for an app origin: bounded, derived from its host. */
export function probesFor(appOrigin: string): Probe[] {
  const u = new URL(appOrigin);
  const host = u.host; // with the port, if any
  const hostname = u.hostname;
  const labels = hostname.split('.');
  const isIp = /^[\d.]+$/.test(hostname) || hostname.startsWith('[');
  const parent = labels.length > 2 && !isIp ? labels.slice(1).join('.') : hostname;
  const port = u.port ? `:${u.port}` : '';
  const probes: Probe[] = [
    {
      kind: 'unrelated',
      origin: `https://${EVIL}`,
      why: 'The server answers an unrelated origin as trusted: it echoes any Origin. Every web site a signed-in user visits can read what their cookies unlock.',
    },
    {
      kind: 'null',
      origin: 'null',
      why: '\'null\' is the origin of sandboxed iframes and data: documents, which any site can create (<iframe sandbox="allow-scripts" srcdoc=…>), so allowing it allows everyone.',
    },
    {
      kind: 'suffix',
      origin: `${u.protocol}//${hostname}.${EVIL}${port}`,
      why: `The allow-list check accepts ${hostname} followed by anything (a startsWith, or a regular expression without $): anyone can register ${hostname}.${EVIL.replace(/^[^.]+\./, 'evil.')}.`,
    },
    {
      kind: 'prefix',
      origin: `${u.protocol}//evil${parent}${port}`,
      why: `The allow-list check accepts anything ending in ${parent} (an endsWith, or a regular expression without a dot or ^ before the domain): evil${parent} is someone else's domain.`,
    },
    u.protocol === 'https:'
      ? {
          kind: 'http',
          origin: `http://${host}`,
          why: 'The plain-http origin of the same host is trusted: anyone on the network path (public Wi-Fi) can inject script into an http:// page of that host and read the https API as the user.',
        }
      : {
          kind: 'dot',
          origin: `${u.protocol}//${hostname.replace('.', 'x')}${port}`,
          why: `A regular expression with an unescaped '.' accepts ${hostname.replace('.', 'x')}, someone else's domain.`,
        },
    {
      kind: 'sibling',
      origin: `${u.protocol}//${EVIL.split('.')[0]}.${parent}${port}`,
      why: `Every subdomain of ${parent} is trusted: script on any of them (an XSS, a forgotten staging host, a dangling DNS record taken over) reads your users' data. Allow-list the subdomains you mean.`,
    },
  ];
  // A host without a parent domain (localhost, an IP) has no distinct sibling or prefix look-alike.
  return probes.filter((p, i, all) => p.origin !== appOrigin && all.findIndex((q) => q.origin === p.origin) === i);
}

export async function audit(o: { url: string; origin: string; headers: HeaderLine[]; timeoutMs: number; send?: Send }): Promise<AuditResult> {
  const send = o.send ?? realSend;
  // --timeout bounds the whole audit (every probe), like the whole probe of `check`.
  const deadline = Date.now() + o.timeoutMs;
  const probes = probesFor(o.origin);
  const holes: Hole[] = [];
  let requests = 0;
  for (const p of probes) {
    const get = await send({
      method: 'GET',
      url: o.url,
      headers: [{ name: 'Accept', value: '*/*' }, ...o.headers, { name: 'Origin', value: p.origin }],
      timeoutMs: o.timeoutMs,
      deadline,
    });
    const pre = await send({
      method: 'OPTIONS',
      url: o.url,
      headers: [
        { name: 'Accept', value: '*/*' },
        { name: 'Access-Control-Request-Method', value: 'PUT' },
        { name: 'Access-Control-Request-Headers', value: 'content-type' },
        { name: 'Origin', value: p.origin },
      ],
      timeoutMs: o.timeoutMs,
      deadline,
    });
    requests += 2;
    const reads = allows(p.origin, 'GET', [], { url: o.url, response: get });
    const writes = allows(p.origin, 'PUT', [{ name: 'Content-Type', value: 'application/json' }], { url: o.url, preflight: pre });
    if (reads || writes) holes.push({ ...p, reads, writes });
  }
  // The cure, in the validator's own words: what it asks of a response that allows no origin.
  const cure = validate(recordFor(o.origin, 'GET', [], { url: o.url, response: { status: 200, headers: [] } }))[0];
  return { url: o.url, origin: o.origin, probes, holes, fix: { headers: cure?.fix.steps[0]?.headers ?? [], spec: cure?.fix.spec }, requests };
}

function recordFor(origin: string, method: string, requestHeaders: HeaderLine[], hop: RequestRecord['hops'][number]): RequestRecord {
  return { method, origin, credentials: 'include', initiator: 'fetch', requestHeaders, hops: [hop] };
}

/** Would Chromium let a page on `origin` through this answer, with credentials? */
function allows(origin: string, method: string, headers: HeaderLine[], hop: { url: string; response?: ResponseSeen; preflight?: ResponseSeen }): boolean {
  return !isBlocked(validate(recordFor(origin, method, headers, hop)));
}

export function renderAudit(r: AuditResult, style: Style, stack: StackId | undefined): string {
  const out = [
    `${paint(style, 'bold', r.holes.length > 0 ? paint(style, 'red', `${r.holes.length} HOLE(S)`) : paint(style, 'green', 'NO HOLE'))}  ${safe(redactUrl(r.url))}`,
    paint(
      style,
      'dim',
      `  app origin ${safe(r.origin)}; ${r.probes.length} hostile origins, ${r.requests} requests (a credentialed GET and a preflight for a credentialed PUT each)`,
    ),
    '',
  ];
  const rows = r.probes.map((p) => {
    const hole = r.holes.find((h) => h.origin === p.origin);
    const what = hole
      ? [hole.reads ? 'reads credentialed responses' : '', hole.writes ? 'may send credentialed PUTs' : ''].filter(Boolean).join(', ')
      : 'refused';
    return [hole ? paint(style, 'red', '✖') : paint(style, 'green', '✓'), p.kind, safe(p.origin), what];
  });
  out.push(...table(rows));
  for (const h of r.holes) out.push('', paint(style, 'red', `  ${h.kind}: ${safe(h.origin)}`), `    ${h.why}`);
  if (r.holes.length > 0) {
    out.push(
      '',
      paint(style, 'bold', '  Fix: compare the Origin header with an exact allow-list (whole strings, no pattern), and only then send:'),
      ...r.fix.headers.map((h) => paint(style, 'green', `      ${safe(h)}`)),
      `  For any other Origin send no Access-Control-Allow-Origin at all (and keep Vary: Origin on every answer).`,
    );
    const snippet = stack && r.fix.spec ? renderSnippet(r.fix.spec, stack) : undefined;
    if (stack && snippet)
      out.push(
        '',
        paint(style, 'bold', `  ${stack}:`),
        ...safe(snippet)
          .split('\n')
          .map((l) => `    ${l}`),
      );
  }
  return `${out.join('\n')}\n`;
}
