// Plain text helpers for what the panel shows and copies. No DOM, no extension API.
import { escapedByte } from '../core/bytes';
import type { CredentialsEvidence, TabFinding } from '../messages';
import type { FixStep, Hop, Stage } from '../core/types';
import { nameableOrigin } from '../core/origin';
import { isSecretHeader, redactUrl } from '../core/secrets';

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Host and path, no scheme, no query: the readable part of a URL. */
export function endpointOf(url: string): string {
  const u = parse(url);
  return u ? `${u.host}${u.pathname}` : url;
}

/** Host, and path (with the query unless `query` is false). */
export function readableUrl(url: string, query = true): { host: string; path: string } {
  const u = parse(url);
  if (!u) return { host: '', path: url };
  return { host: u.host, path: query ? `${u.pathname}${u.search}` : u.pathname };
}

const haystacks = new WeakMap<TabFinding, string>();

/** What the text filter searches: URL, method, header, cause, the offending value, code, stage, status. */
export function haystackOf(f: TabFinding): string {
  let h = haystacks.get(f);
  if (h === undefined) {
    h = [f.url, f.method, f.header ?? '', f.cause, f.hint, f.code, f.stage, String(f.status ?? '')].join('\n').toLowerCase();
    haystacks.set(f, h);
  }
  return h;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** How we know the request carried credentials, in the page's own terms. */
export function credentialsLabel(f: Pick<TabFinding, 'credentialsEvidence' | 'credentials' | 'initiator' | 'credentialed'>): string {
  const byHook = f.initiator === 'xmlhttprequest' ? 'withCredentials' : `credentials: '${f.credentials}'`;
  const labels: Record<CredentialsEvidence, string> = {
    'page-hook': f.credentials === 'include' || f.initiator !== 'xmlhttprequest' ? byHook : 'no withCredentials',
    cookie: 'cookie sent',
    'storage-access': 'Sec-Fetch-Storage-Access',
    outcome: 'credentialed (from the block)',
    none: f.credentialed ? 'credentialed' : 'no credentials',
  };
  const label = labels[f.credentialsEvidence] ?? 'unknown';
  // A blocked request that carried no credentials is still listed (same sentence); say so plainly.
  return f.credentialed || /^no /.test(label) ? label : `${label} · no credentials`;
}

/** The Cookies group's marker (fits the stage column): a Set-Cookie refused, a cookie not sent, an auth challenge, a client certificate. */
export function credentialMarker(f: Pick<TabFinding, 'credential'>): string {
  switch (f.credential?.phase) {
    case 'set':
      return '◆ refused';
    case 'send':
      return '◆ not sent';
    case 'auth':
      return '◆ auth';
    case 'cert':
      return '◆ cert';
    default:
      return '◆ credential';
  }
}

export function stageLabel(stage: Stage): string {
  return stage === 'preflight' ? 'preflight (OPTIONS)' : stage === 'redirect' ? 'redirect' : 'response';
}

/** The response the fix goes on, in words: "the preflight (OPTIONS) response of GET host/path". */
export function fixTarget(f: TabFinding): string {
  const first = f.fix.steps[0];
  const url = f.record.hops[first?.hop ?? f.hop]?.url ?? f.url;
  const stage = first?.stage ?? f.stage;
  const what = stage === 'preflight' ? 'the preflight (OPTIONS) response' : stage === 'redirect' ? 'the redirect response' : 'the response';
  return `${what} of ${f.method} ${endpointOf(url)}`;
}

/** The fix's steps (every response to change, in order). */
export function stepsOf(f: TabFinding): FixStep[] {
  return f.fix.steps;
}

/** One step's response: "the preflight (OPTIONS) response", "the actual response", "the redirect". */
export function stepLabel(f: TabFinding, step: FixStep): string {
  const what = step.stage === 'preflight' ? 'the preflight (OPTIONS) response' : step.stage === 'redirect' ? 'the redirect' : 'the actual response';
  if (step.hop === 0) return what;
  // A later hop: name its URL; when the browser never got there, where the redirect points.
  const url = f.record.hops[step.hop]?.url ?? redirectTarget(f.record.hops[step.hop - 1]);
  return url === undefined ? `${what} after the redirect` : `${what} of ${endpointOf(url)}`;
}

/** Where a hop's redirect points (its Location, resolved), if it is one. */
function redirectTarget(hop: Hop | undefined): string | undefined {
  const location = hop?.response?.headers.findLast((h) => typeof h.name === 'string' && h.name.toLowerCase() === 'location')?.value;
  if (hop === undefined || !location) return undefined;
  try {
    return new URL(location, hop.url).href;
  } catch {
    return undefined;
  }
}

/** What a status or removal note says about one step ('' when the step has neither). */
export function stepChanges(step: FixStep): string {
  const parts: string[] = [];
  if (step.status) parts.push(`answer ${step.status.to} instead of ${step.status.from}`);
  if (step.remove?.length) parts.push(`stop sending ${step.remove.join(', ')}`);
  return parts.join('; ');
}

// Redaction lives in src/core (the command line redacts the same way): the secret names and the
// masks in src/core/secrets.ts, the pass over a whole finding in src/core/redact.ts.
export { isSecretHeader, MASK, maskHeader, redactText, redactUrl } from '../core/secrets';

// C0/C1 controls, bidi embeddings/overrides/isolates and marks, zero-width and BOM: shown as
// visible ⟨U+XXXX⟩ so a header value cannot reorder or hide the text around it.
// U+DC80–U+DCFF: a header byte that was not UTF-8 (src/core/bytes.ts), shown as the byte ⟨0xE9⟩.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\udc80-\udcff]/g;

export type TextPart = { text: string; control?: false } | { text: string; control: true; code: string };

/** Splits text into plain runs and visible markers for invisible or direction-changing characters. */
export function visibleParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(INVISIBLE)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    const byte = escapedByte(m[0].charCodeAt(0));
    parts.push({ text: byte === undefined ? `⟨U+${code}⟩` : `⟨0x${byte.toString(16).toUpperCase()}⟩`, control: true, code });
    last = m.index + 1;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return new RegExp(INVISIBLE.source).test(text);
}

// ── Action first: what to change where, one sentence per response of the plan ──

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many.replace('#', String(n)));

/** The response a step changes, as a person names it: "the OPTIONS response", "the PUT response", "the 302 redirect". */
export function responseName(f: Pick<TabFinding, 'method' | 'record'>, step: FixStep): string {
  const hop = f.record.hops[step.hop];
  const what =
    step.stage === 'preflight'
      ? 'the OPTIONS response'
      : step.stage === 'redirect'
        ? `the ${hop?.response?.status ?? ''} redirect`.replace('  ', ' ')
        : `the ${step.hop === 0 ? f.method : 'final'} response`;
  if (step.hop === 0) return what;
  const url = hop?.url ?? redirectTarget(f.record.hops[step.hop - 1]);
  return url === undefined ? `${what} after the redirect` : `${what} of ${endpointOf(url)}`;
}

/** Statuses an authentication layer answers with. */
const AUTH_STATUS = new Set([401, 403, 407]);

/** One step as one sentence: "On the OPTIONS response: answer 204 before auth, with these 5 headers." */
export function stepSentence(f: Pick<TabFinding, 'method' | 'record'>, step: FixStep): string {
  const parts: string[] = [];
  const n = step.headers.length;
  if (step.status) {
    const { from, to } = step.status;
    const change = AUTH_STATUS.has(from)
      ? `answer ${to} before auth (not ${from})`
      : from >= 300 && from < 400
        ? `answer ${to} instead of redirecting (${from})`
        : `answer ${to} (not ${from})`;
    parts.push(`${change}${n ? `, with ${plural(n, 'this header', 'these # headers')}` : ''}`);
  } else if (n) parts.push(plural(n, 'send this header', 'send these # headers'));
  if (step.remove?.length) parts.push(`stop sending ${step.remove.join(', ')}`);
  const name = responseName(f, step);
  const on = `On ${name}:`;
  return parts.length ? `${on} ${parts.join('; ')}.` : `${on} no change.`;
}

/** The detail's first lines: one sentence per response the fix names, in the order the browser meets them. */
export function actionSentences(f: Pick<TabFinding, 'method' | 'record' | 'fix' | 'hop' | 'unexplained' | 'kind'>): string[] {
  if (f.unexplained) return ["No server change is known for this block: read the browser console's message for it."];
  const steps = stepsOf(f as TabFinding).filter((s) => s.headers.length > 0 || s.remove?.length || s.status);
  if (steps.length === 0) return ['Nothing to change on the server: see the notes below.'];
  return steps.map((s) => stepSentence(f, s));
}

// ── The list's cause, in the words a person searches for ──

/** The abbreviations the list uses, spelled out for its tooltip. */
const SHORTHAND: Array<[RegExp, string]> = [
  [/\bACAO\b/g, 'Access-Control-Allow-Origin'],
  [/\bACAC\b/g, 'Access-Control-Allow-Credentials'],
  [/\bACAH\b/g, 'Access-Control-Allow-Headers'],
  [/\bACAM\b/g, 'Access-Control-Allow-Methods'],
];

/** Shorthand spelled out: "no ACAO header" → "no Access-Control-Allow-Origin header". */
export function expandShorthand(text: string): string {
  return SHORTHAND.reduce((t, [re, long]) => t.replace(re, long), text);
}

/** The status of the response a finding is about. */
function seenStatus(f: Pick<TabFinding, 'record' | 'hop' | 'stage' | 'status'>): number | undefined {
  if (typeof f.status === 'number') return f.status;
  const hop = f.record?.hops?.[f.hop];
  return (f.stage === 'preflight' ? hop?.preflight : hop?.response)?.status;
}

/**
 * The list's cause: what went wrong as people search for it. A preflight answered 401 is an auth
 * layer in front of CORS whatever header the browser checked first (Chromium checks the headers
 * before the status: Fetch "CORS-preflight fetch" step 7), so the status leads there.
 */
export function causeWords(f: Pick<TabFinding, 'cause' | 'record' | 'hop' | 'stage' | 'status' | 'rule' | 'kind'>): { text: string; title: string } {
  const status = seenStatus(f);
  let text = f.cause;
  if (f.kind !== 'cookie' && f.stage === 'preflight' && status !== undefined && (status < 200 || status > 299)) {
    if (AUTH_STATUS.has(status)) text = `preflight answered ${status} (auth before CORS?)`;
    else if (status === 404 || status === 405 || status === 501) text = `preflight answered ${status} (no OPTIONS route?)`;
    else if (status >= 300 && status < 400) text = `preflight redirected (${status})`;
    else text = `preflight answered ${status}`;
  } else if (f.kind !== 'cookie' && f.stage !== 'preflight' && status !== undefined && status >= 400 && f.rule === 'missing-allow-origin') {
    text = `${status} without CORS headers (error page skips CORS?)`;
  }
  const long = expandShorthand(f.cause);
  const title = text === f.cause ? long : `${text}. The browser's check: ${long}`;
  return { text, title };
}

/** A shell word: single-quoted, its own quotes closed and escaped, so nothing in it runs. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * `cors-inspector check …` for the request: re-checks the server from a terminal once it is
 * fixed. Secret headers (Cookie, Authorization) and lines with control characters stay out.
 */
export function cliCommand(f: Pick<TabFinding, 'url' | 'method' | 'record' | 'credentials'>): string {
  const origin = nameableOrigin(f.record.origin) || 'https://app.example';
  const words = ['cors-inspector', 'check', shellWord(redactUrl(f.record.hops[0]?.url ?? f.url)), '--origin', shellWord(origin)];
  if (f.method.toUpperCase() !== 'GET') words.push('--method', shellWord(f.method));
  for (const h of f.record.requestHeaders ?? []) {
    if (typeof h?.name !== 'string' || typeof h.value !== 'string' || isSecretHeader(h.name) || h.name.toLowerCase() === 'origin') continue;
    if (/[\u0000-\u001f\u007f]/.test(h.name + h.value)) continue;
    words.push('--header', shellWord(`${h.name}: ${h.value}`));
  }
  if (f.credentials === 'same-origin' || f.credentials === 'omit') words.push('--credentials', f.credentials);
  return words.join(' ');
}
