// Plain text helpers for what the panel shows and copies. No DOM, no extension API.
import { escapedByte } from '../core/bytes';
import type { CredentialsEvidence, TabFinding } from '../messages';
import type { FixStep, Hop, Stage } from '../core/types';
import { ENGINES, type Browser } from '../core/message';

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
  const hop = f.fix.hop ?? f.hop;
  const url = f.record.hops[hop]?.url ?? f.url;
  const what = f.fix.stage === 'preflight' ? 'the preflight (OPTIONS) response' : f.fix.stage === 'redirect' ? 'the redirect response' : 'the response';
  return `${what} of ${f.method} ${endpointOf(url)}`;
}

/** The fix's steps; a finding stored before plans existed has only its one response. */
export function stepsOf(f: TabFinding): FixStep[] {
  return Array.isArray(f.fix.steps) && f.fix.steps.length > 0 ? f.fix.steps : [{ ...f.fix, hop: f.fix.hop ?? f.hop }];
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

// Redaction lives in src/core (the command line redacts the same way); the secret names in src/core/secrets.ts.
export { isSecretHeader, MASK, maskHeader, redactText, redactUrl } from '../core/redact';

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

const ENGINE_NAMES: Record<Browser, string> = { chromium: 'Chrome', firefox: 'Firefox', webkit: 'Safari' };

/**
 * The other engines' words for a CORS error, for "In Firefox" / "In Safari" lines (null: that
 * engine would let the page read the response). The current engine is the one whose sentence is
 * the finding's own `message`, so the Firefox build lists Chrome and Safari.
 */
export function otherEngines(f: Pick<TabFinding, 'message' | 'messages'>): Array<{ engine: Browser; label: string; text: string | null }> {
  const m = f.messages;
  if (typeof m !== 'object' || m === null) return [];
  const own = ENGINES.find((b) => m[b] === f.message) ?? 'chromium';
  return ENGINES.filter((b) => b !== own).map((engine) => ({
    engine,
    label: `In ${ENGINE_NAMES[engine]}`,
    text: typeof m[engine] === 'string' ? m[engine] : null,
  }));
}
