// "Explain this error": a console text pasted from any engine (or a common retelling of it) →
// which engine's words, which rule, the stage and values the text gives, the explanation and the
// cure. Pure: no DOM, no extension API. It never guesses: a rule is named only when the words are
// that rule's and validate() reports that rule for a request with the values read; where several
// rules share the words, all are listed. What the text does not give (the page's origin, the URL)
// is asked for and shown as a <placeholder>, never invented.
import { headerText } from './bytes';
import { serializeOrigin } from './origin';
import { cleanPaste } from './pasted/clean';
import { bare, cure, ruleById, type ExplainedRule } from './pasted/cure';
import { type Reading } from './pasted/sample';
import { PATTERNS, type Engine, type Pattern } from './pasted/sentences';
import { redactUrl } from './secrets';
import type { StackId, Stage } from './types';

export type { Engine } from './pasted/sentences';
export type { CureStep, ExplainedRule } from './pasted/cure';

/** Whose words, for people. */
export const ENGINE_NAMES: Record<Engine, string> = {
  chromium: 'Chromium (Chrome, Edge)',
  firefox: 'Firefox',
  webkit: 'Safari (WebKit)',
  paraphrase: 'a common description (no browser prints it)',
};

/** Which response, for people. */
export const STAGE_WORDS: Record<Stage, string> = {
  preflight: 'the preflight (OPTIONS) response',
  response: 'the actual response',
  redirect: 'a redirect response',
};

/** Which response the text is about, in words, also when it does not say. */
export function stageSaid(e: Pick<ExplainedError, 'stage' | 'engine' | 'read'>): string {
  if (e.stage) return STAGE_WORDS[e.stage];
  // Chromium's head without "Response to preflight request …" rules the preflight out.
  return e.engine === 'chromium' && e.read.url
    ? 'the actual response or a redirect (Chromium would name a preflight)'
    : 'not said (the actual response, or the preflight)';
}

/** The credentials mode, in words: this tool's subject is credentialed requests. */
export function credentialsSaid(e: Pick<ExplainedError, 'credentials'>): string {
  return e.credentials === 'said' ? "'include' (the text says so)" : "'include', assumed: the text does not say it (this tool explains credentialed requests)";
}

// The words that say the request carried credentials: Chromium's "credentials mode is 'include'"
// (and its XHR "withCredentials"), WebKit's "credentials flag is true", Firefox's "Credential is
// not supported if …" and its Access-Control-Allow-Credentials check (only credentialed requests
// make it, Fetch §4.10 CORS check step 5), and the retellings' "credentialed request".
const SAYS_CREDENTIALS =
  /credentials mode is \W?include|credentials flag is \W?true|credentialed request|withCredentials|Credential is not supported|expected \W?true\W? in CORS header \W?Access-Control-Allow-Credentials/i;

export interface ExplainedError {
  engine: Engine;
  /** The sentence as read (console decoration off). */
  sentence: string;
  /** One rule, or every rule these words fit. */
  rules: ExplainedRule[];
  /** When the text says which response: the preflight, the actual response or a redirect. */
  stage?: Stage;
  /** Values the text gives (URLs with credential-like parameters masked). */
  read: { url?: string; redirectedFrom?: string; redirectTo?: string; origin?: string; value?: string; status?: number };
  /** 'include' either way: 'said' when the words say it, 'assumed' when the text does not. */
  credentials: 'said' | 'assumed';
  /** What the cure needs and the text lacks. */
  missing: ('origin' | 'url')[];
  /** When the words are not only CORS's: what else they may mean. */
  note?: string;
  /** Older words than today's browsers print: who printed them, for people (src/core/pasted/eras.ts). */
  era?: string;
  /** Lines of the paste that belong to this error: Firefox's "CORS request did not succeed" after it. */
  followUps?: string[];
}

export interface Explanation {
  known: boolean;
  errors: ExplainedError[];
}

interface Match {
  p: Pattern;
  start: number;
  end: number;
  groups: Partial<Record<string, string>>;
  /** Read by the exact sentence (Pattern.strict), not the damage-tolerant one. */
  strict?: boolean;
}

/** The parts of the paste around one reason. */
interface Around {
  m: Match;
  head: Match | undefined;
  prefix: Match | undefined;
  load: Match | undefined;
  /** Older Chromium's sentences after the reason, in order. */
  after: Match[];
}

export function explain(text: string, options: { stack?: StackId } = {}): Explanation {
  const clean = cleanPaste(typeof text === 'string' ? text : '');
  const reasons = pick(scan(clean, 'reason'));
  if (reasons.length === 0) return { known: false, errors: [] };
  const parts = { head: scan(clean, 'head'), prefix: scan(clean, 'prefix'), load: scan(clean, 'load'), after: scan(clean, 'after') };
  const errors: ExplainedError[] = [];
  const seen = new Set<string>();
  for (const m of reasons) {
    const error = explainOne(around(m, parts, clean), clean, options.stack);
    if (m.p.followUp && error.read.status === undefined && attach(errors, error)) continue;
    const key = JSON.stringify([error.engine, error.rules.map((r) => r.id), error.read, error.stage]);
    if (!seen.has(key)) errors.push(error);
    seen.add(key);
  }
  return { known: true, errors };
}

function around(m: Match, parts: Record<'head' | 'prefix' | 'load' | 'after', Match[]>, clean: string): Around {
  const prefix = before(parts.prefix, m.start, clean, m.p.engine);
  const head = before(parts.head, prefix?.start ?? m.start, clean, m.p.engine);
  const after: Match[] = [];
  let end = m.end;
  for (let next = following(parts.after, end, clean, m.p.engine); next; next = following(parts.after, end, clean, m.p.engine)) {
    after.push(next);
    end = next.end;
  }
  // WebKit names the URL in the line after its reason.
  const load = following(parts.load, end, clean, m.p.engine);
  return { m, head, prefix, load, after };
}

/**
 * Firefox follows a failed request with the generic "CORS request did not succeed" (no reason of
 * its own): after another error for the same URL it belongs to that error.
 */
function attach(errors: ExplainedError[], error: ExplainedError): boolean {
  const owner = [...errors]
    .reverse()
    .find((e) => e.engine === 'firefox' && (e.read.url === undefined || error.read.url === undefined || e.read.url === error.read.url));
  if (!owner) return false;
  owner.followUps = [...(owner.followUps ?? []), error.sentence];
  return true;
}

function scan(text: string, part: Pattern['part']): Match[] {
  const out: Match[] = [];
  for (const p of PATTERNS) {
    if (p.part !== part) continue;
    const within = p.tail ? text.slice(0, lastEnd(p.tail, text)) : text;
    for (const [re, strict] of [[p.re, false], ...(p.strict ? [[p.strict, true] as const] : [])] as const) {
      for (const match of matches(p, re, within)) if (part === 'reason' || looksLikeUrl(match.groups.url)) out.push(strict ? { ...match, strict } : match);
    }
  }
  return out;
}

function matches(p: Pattern, pattern: RegExp, text: string): Match[] {
  const out: Match[] = [];
  const re = new RegExp(pattern.source, pattern.flags);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const groups: Match['groups'] = {};
    p.names.forEach((n, i) => (groups[n] = m[i + 1]));
    out.push({ p, start: m.index, end: m.index + m[0].length, groups: joinUrls(groups) });
  }
  return out;
}

/** A URL broken by a line wrap, joined again (URLs hold no space). */
function joinUrls(groups: Match['groups']): Match['groups'] {
  for (const k of ['url', 'first', 'target', 'origin'] as const) if (groups[k] !== undefined) groups[k] = groups[k].replace(/\n/g, '');
  return groups;
}

/** "Failed to load resource: …" is no head: its URL would be "resource". */
const looksLikeUrl = (url: string | undefined): boolean => url === undefined || /^[a-z][a-z0-9+.-]*:/i.test(url);

/** Where the last match of `re` ends (0: none). */
function lastEnd(re: RegExp, text: string): number {
  const g = new RegExp(re.source, re.flags);
  let end = 0;
  for (let m = g.exec(text); m !== null; m = g.exec(text)) {
    end = m.index + m[0].length;
    if (m[0] === '') g.lastIndex++;
  }
  return end;
}

/**
 * Longest first at each place, no overlaps: an XHR reason's extra words beat the fetch one; of
 * two as long, the exact sentence, then the one with fewer values read (older Firefox's "does
 * not match '*'" beats today's "does not match '%S'").
 */
function pick(matches: Match[]): Match[] {
  const sorted = [...matches].sort(
    (a, b) => a.start - b.start || b.end - a.end || Number(b.strict ?? false) - Number(a.strict ?? false) || a.p.names.length - b.p.names.length,
  );
  const out: Match[] = [];
  for (const m of sorted) if (out.length === 0 || m.start >= out[out.length - 1]!.end) out.push(m);
  return out;
}

/** The head (or prefix) that ends where `at` begins, spaces apart. */
function before(list: Match[], at: number, text: string, engine: Engine): Match | undefined {
  return list.find((h) => h.p.engine === engine && h.end <= at && text.slice(h.end, at).trim() === '');
}

/** The part that begins where `at` ends, spaces apart. */
function following(list: Match[], at: number, text: string, engine: Engine): Match | undefined {
  return list.find((l) => l.p.engine === engine && l.start >= at && text.slice(at, l.start).trim() === '');
}

function explainOne(a: Around, text: string, stack: StackId | undefined): ExplainedError {
  const { m, head, prefix, load } = a;
  const span = (x: Match | undefined): string => (x ? text.slice(x.start, x.end) : '');
  const reading = readingOf(a, span);
  const status = reading.status;
  // Chromium puts "Response to preflight request …" before the preflight failures of rules with
  // preflightPrefix (cors_error_string.cc), so a head without it rules the preflight out, unless the
  // reason's own words name the preflight ("… in preflight response.", "… for a preflight request.").
  const saysPreflight = m.p.engine === 'chromium' && /\bpreflight\b/i.test(span(m));
  let stage: Stage | undefined = m.p.stage ?? head?.p.stage ?? prefix?.p.stage ?? (saysPreflight ? 'preflight' : undefined);
  if (stage === undefined && m.p.engine === 'firefox' && status !== undefined && status >= 300 && status < 400) stage = 'redirect';
  const notPreflight = m.p.engine === 'chromium' && head !== undefined && prefix === undefined && !saysPreflight;
  // Rules Chromium words without that head (the method and header lists) are as printed.
  const retold = saysPreflight && head !== undefined && prefix === undefined && m.p.rules.some((id) => ruleById(id)?.preflightPrefix === true);
  const browser = m.p.engine === 'paraphrase' ? 'chromium' : m.p.engine;
  // Today's words must be the browser's own for the sample; older words are not any more.
  const words = m.p.engine === 'paraphrase' || m.p.era !== undefined ? undefined : span(m);
  // Older Firefox's "CORS request did not succeed" (no status) names no rule: the request failed,
  // perhaps below CORS (its note). Today's, "Status code: (null).", is also a redirect to
  // user:password (lab redirect-userinfo), and validate() says whether the values fit.
  const named = m.p.followUp && m.p.era !== undefined ? [] : m.p.rules;
  const found = named.flatMap((id) => cure(id, { reading, stage, notPreflight, browser, words, stack }));
  const rulesOut = found.length > 0 ? found : named.map((id) => bare(id));
  const stages = [...new Set(rulesOut.map((r) => ruleById(r.id)?.stages ?? []).flat())];
  if (stage === undefined && stages.length === 1) stage = stages[0];
  const note = m.p.followUp ? DID_NOT_SUCCEED : retold ? RETOLD : undefined;
  const end = Math.max(m.end, a.after.at(-1)?.end ?? 0, load?.end ?? 0);
  const sentence = text.slice(head?.start ?? prefix?.start ?? m.start, end).replace(/\n/g, ' ');
  const credentials = SAYS_CREDENTIALS.test(sentence) ? 'said' : 'assumed';
  const era = m.p.era ?? prefix?.p.era ?? head?.p.era ?? a.after.find((x) => x.p.era)?.p.era;
  const out: ExplainedError = { engine: m.p.engine, sentence, rules: rulesOut, read: shownRead(reading), credentials, missing: missingOf(reading) };
  return { ...out, ...(stage ? { stage } : {}), ...(note ? { note } : {}), ...(era ? { era } : {}) };
}

/** The values the text gives, as the sample takes them. */
function readingOf(a: Around, span: (x: Match | undefined) => string): Reading {
  const { m, head, prefix, load } = a;
  const g: Match['groups'] = { ...load?.groups, ...head?.groups, ...(Object.assign({}, ...a.after.map((x) => x.groups)) as Match['groups']), ...m.groups };
  // Older Chromium's "Redirect from 'A' …" names the response that failed; its head the first URL.
  if (prefix?.groups.url) {
    if (g.url && g.url !== prefix.groups.url) g.first = g.url;
    g.url = prefix.groups.url;
  }
  const xhr = /XMLHttpRequest/.test(span(head) + span(load) + a.after.map(span).join(' ')) || /withCredentials/.test(span(m));
  const reading: Reading = { initiator: xhr ? 'xmlhttprequest' : 'fetch' };
  if (g.url) reading.url = redactUrl(g.url);
  if (g.first) reading.first = redactUrl(g.first);
  // Only a serialized origin is the page's: WebKit names 'null' after a redirect tainted it, and
  // a file:// page or a retelling ("Origin [website]") gives none.
  if (g.origin && g.origin !== 'null' && serializeOrigin(g.origin) === g.origin) reading.origin = g.origin;
  if (g.value !== undefined) reading.value = m.p.engine === 'chromium' ? chromiumHint(g.value) : g.value;
  if (g.status !== undefined && /^\d{3}$/.test(g.status)) reading.status = Number(g.status);
  if (g.target) reading.target = redactUrl(g.target);
  return reading;
}

function shownRead(r: Reading): ExplainedError['read'] {
  const read: ExplainedError['read'] = {};
  if (r.url) read.url = r.url;
  if (r.first) read.redirectedFrom = r.first;
  if (r.target) read.redirectTo = r.target;
  if (r.origin) read.origin = r.origin;
  if (r.value !== undefined) read.value = r.value;
  if (r.status !== undefined) read.status = r.status;
  return read;
}

function missingOf(r: Reading): ExplainedError['missing'] {
  const missing: ExplainedError['missing'] = [];
  if (!r.origin) missing.push('origin');
  if (!r.url) missing.push('url');
  return missing;
}

// MDN's CORSDidNotSucceed page: the request failed "at either the network or protocol level"; the
// same words follow every failed preflight (lab fixtures) and stand for a redirect to user:password.
const DID_NOT_SUCCEED =
  'Firefox says this whenever the request failed below CORS too: the server unreachable, the connection refused or reset, a TLS error, a response it could not read. ' +
  'Check the Network panel for the request first. After another CORS error for the same URL it only repeats that the request failed.';

const RETOLD =
  'Chromium prints "Response to preflight request doesn\'t pass access control check:" before this reason; the text lacks those words, so it was edited or retold. ' +
  'The reason names the preflight: the answer is about the preflight (OPTIONS) response.';

/** Chromium prints a hint's non-ASCII bytes as \u00XX (cors_error_string.cc EncodeHint). */
function chromiumHint(hint: string): string {
  // Anything else outside printable ASCII means the text was not copied verbatim: keep it as is.
  if (/[^\x20-\x7e]/.test(hint) || !/\\u00[0-9A-Fa-f]{2}/.test(hint)) return hint;
  return headerText(hint.replace(/\\u00([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));
}
