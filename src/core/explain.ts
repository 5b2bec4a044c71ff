// "Explain this error": a console text pasted from any engine (or a common retelling of it) →
// which engine's words, which rule, the stage and values the text gives, the explanation and the
// cure. Pure: no DOM, no extension API. It never guesses: a rule is named only when the words are
// that rule's and validate() reports that rule for a request with the values read; where several
// rules share the words, all are listed. What the text does not give (the page's origin, the URL)
// is asked for and shown as a <placeholder>, never invented.
import { headerText } from './bytes';
import { renderSnippet } from './fix/stacks/index';
import { cleanPaste } from './pasted/clean';
import { hasSample, labelled, REDIRECT_STATUS, sampleRecord, type Reading } from './pasted/sample';
import { PATTERNS, type Engine, type Pattern } from './pasted/sentences';
import type { Rule } from './rule';
import { rules } from './rules/index';
import { redactUrl } from './secrets';
import type { FixStep, StackId, Stage } from './types';
import { validate } from './validate';

export type { Engine } from './pasted/sentences';

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
  /credentials mode is ['"‘’]?include|credentials flag is true|credentialed request|withCredentials|Credential is not supported|expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’/i;

export interface ExplainedRule {
  id: string;
  summary: string;
  /** The validator's explanation for a request with the values read (placeholders for the rest). */
  explanation: string;
  /** Every response to change, in the order the browser meets them. */
  steps: CureStep[];
  notes: string[];
  /** The cure in the asked stack's words. */
  snippet?: string;
}

/** One response to change (the validator's FixStep, placeholders as <labels>). */
export interface CureStep {
  stage: Stage;
  /** Exact 'Name: value' lines to send there. */
  headers: string[];
  /** Header names to stop sending there. */
  remove?: string[];
  /** A status change, e.g. "401 → 204: answer OPTIONS before authentication". */
  status?: string;
}

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
}

const RULES = rules as readonly Rule[];
const ruleById = (id: string): Rule | undefined => RULES.find((r) => r.id === id);

export function explain(text: string, options: { stack?: StackId } = {}): Explanation {
  const clean = cleanPaste(typeof text === 'string' ? text : '');
  const reasons = pick(scan(clean, 'reason'));
  if (reasons.length === 0) return { known: false, errors: [] };
  const heads = scan(clean, 'head');
  const prefixes = scan(clean, 'prefix');
  const loads = scan(clean, 'load');
  // Firefox follows a failed preflight with the generic "CORS request did not succeed" (no
  // reason of its own): it adds nothing when a reason was given.
  const specific = reasons.filter((m) => !(m.p.engine === 'firefox' && m.groups.status === '(null)' && reasons.length > 1));
  const errors: ExplainedError[] = [];
  const seen = new Set<string>();
  for (const m of specific) {
    const prefix = before(prefixes, m.start, clean, m.p.engine);
    const head = before(heads, prefix?.start ?? m.start, clean, m.p.engine);
    // WebKit names the URL in the line after its reason.
    const load = loads.find((l) => l.p.engine === m.p.engine && l.start >= m.end && clean.slice(m.end, l.start).trim() === '');
    const error = explainOne(m, head, prefix, load, clean, options.stack);
    const key = JSON.stringify([error.rules.map((r) => r.id), error.read, error.stage]);
    if (!seen.has(key)) errors.push(error);
    seen.add(key);
  }
  return { known: true, errors };
}

function scan(text: string, part: Pattern['part']): Match[] {
  const out: Match[] = [];
  for (const p of PATTERNS) {
    if (p.part !== part) continue;
    const within = p.tail ? text.slice(0, lastEnd(p.tail, text)) : text;
    const re = new RegExp(p.re.source, p.re.flags);
    for (let m = re.exec(within); m !== null; m = re.exec(within)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const groups: Match['groups'] = {};
      p.names.forEach((n, i) => (groups[n] = m[i + 1]));
      out.push({ p, start: m.index, end: m.index + m[0].length, groups });
    }
  }
  return out;
}

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

/** Longest first at each place, no overlaps: an XHR reason's extra words beat the fetch one. */
function pick(matches: Match[]): Match[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Match[] = [];
  for (const m of sorted) if (out.length === 0 || m.start >= out[out.length - 1]!.end) out.push(m);
  return out;
}

/** The head (or prefix) that ends where `at` begins, spaces apart. */
function before(list: Match[], at: number, text: string, engine: Engine): Match | undefined {
  return list.find((h) => h.p.engine === engine && h.end <= at && text.slice(h.end, at).trim() === '');
}

function explainOne(
  m: Match,
  head: Match | undefined,
  prefix: Match | undefined,
  load: Match | undefined,
  text: string,
  stack: StackId | undefined,
): ExplainedError {
  const g = { ...load?.groups, ...head?.groups, ...m.groups };
  const around = (x: Match | undefined): string => (x ? text.slice(x.start, x.end) : '');
  const xhr = /XMLHttpRequest/.test(around(head) + around(load)) || /withCredentials/.test(around(m));
  // WebKit names the origin it compared: "null" after a redirect that tainted it, not the page's.
  if (m.p.engine === 'webkit' && g.origin === 'null') delete g.origin;
  const status = g.status !== undefined && /^\d{3}$/.test(g.status) ? Number(g.status) : undefined;
  const reading: Reading = { initiator: xhr ? 'xmlhttprequest' : 'fetch' };
  if (g.url) reading.url = redactUrl(g.url);
  if (g.first) reading.first = redactUrl(g.first);
  if (g.origin) reading.origin = g.origin;
  if (g.value !== undefined) reading.value = m.p.engine === 'chromium' ? chromiumHint(g.value) : g.value;
  if (status !== undefined) reading.status = status;
  if (g.target) reading.target = redactUrl(g.target);
  // Chromium puts "Response to preflight request …" before the preflight failures of rules with
  // preflightPrefix (cors_error_string.cc), so a head without it rules the preflight out, unless the
  // reason's own words name the preflight ("… in preflight response.", "… for a preflight request.").
  const saysPreflight = m.p.engine === 'chromium' && /\bpreflight\b/i.test(around(m));
  let stage: Stage | undefined = m.p.stage ?? head?.p.stage ?? (prefix || saysPreflight ? 'preflight' : undefined);
  if (stage === undefined && m.p.engine === 'firefox' && status !== undefined && status >= 300 && status < 400) stage = 'redirect';
  const notPreflight = m.p.engine === 'chromium' && head !== undefined && prefix === undefined && !saysPreflight;
  // Rules Chromium words without that head (the method and header lists) are as printed.
  const retold = saysPreflight && head !== undefined && prefix === undefined && m.p.rules.some((id) => ruleById(id)?.preflightPrefix === true);
  const found = m.p.rules.flatMap((id) => cure(id, reading, stage, notPreflight, m.p.engine, around(m), stack));
  const rulesOut = found.length > 0 ? found : m.p.rules.map((id) => bare(id));
  const stages = [...new Set(rulesOut.map((r) => ruleById(r.id)?.stages ?? []).flat())];
  if (stage === undefined && stages.length === 1) stage = stages[0];
  const missing: ExplainedError['missing'] = [];
  if (!reading.origin) missing.push('origin');
  if (!reading.url) missing.push('url');
  const read: ExplainedError['read'] = {};
  if (reading.url) read.url = reading.url;
  if (reading.first) read.redirectedFrom = reading.first;
  if (reading.target) read.redirectTo = reading.target;
  if (reading.origin) read.origin = reading.origin;
  if (reading.value !== undefined) read.value = reading.value;
  if (status !== undefined) read.status = status;
  const note = m.p.key === 'CORSDidNotSucceed2' ? DID_NOT_SUCCEED : retold ? RETOLD : undefined;
  const sentence = text.slice(head?.start ?? prefix?.start ?? m.start, load?.end ?? m.end).replace(/\n/g, ' ');
  const credentials = SAYS_CREDENTIALS.test(sentence) ? 'said' : 'assumed';
  return { engine: m.p.engine, sentence, rules: rulesOut, ...(stage ? { stage } : {}), read, credentials, missing, ...(note ? { note } : {}) };
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

function bare(id: string): ExplainedRule {
  return { id, summary: ruleById(id)?.summary ?? id, explanation: '', steps: [], notes: [] };
}

/** `unsaid`: the step's status is the sample's (a redirect status the text does not give). */
function cureStep(st: FixStep, unsaid: boolean): CureStep {
  const out: CureStep = { stage: st.stage, headers: st.headers.map(labelled) };
  if (st.remove && st.remove.length > 0) out.remove = st.remove.map(labelled);
  const from = unsaid && st.status?.from === REDIRECT_STATUS ? '<redirect status>' : String(st.status?.from);
  if (st.status) out.status = labelled(`${from} → ${st.status.to}: ${st.status.why}`);
  return out;
}

/** The rule's explanation and fix for a request that fits the text, if validate() agrees. */
/** What the sample made up and labelled() cannot tell from a real value, in words. */
function unsaid(text: string, r: Reading, id: string): string {
  let out = text;
  if (r.status === undefined) out = out.split(` (status ${REDIRECT_STATUS})`).join(' (status <redirect status>)');
  // The sample's method is a placeholder; unless the words are about the method, the preflight may
  // be for a header instead (Fetch: a CORS-preflight request is made for either).
  if (id === 'header-not-allowed') out = out.split(PREFLIGHT_FOR_METHOD).join('the request sets headers a plain form could not send');
  else if (id !== 'method-not-allowed')
    out = out.split(PREFLIGHT_FOR_METHOD).join('its method is not GET, HEAD or POST, or it sets headers a plain form could not send');
  return out;
}
const PREFLIGHT_FOR_METHOD = 'the method <your method> is not GET, HEAD or POST';

function cure(
  id: string,
  r: Reading,
  stage: Stage | undefined,
  notPreflight: boolean,
  engine: Engine,
  said: string,
  stack: StackId | undefined,
): ExplainedRule[] {
  const rule = ruleById(id);
  if (!rule || !hasSample(id)) return [];
  const browser = engine === 'paraphrase' ? 'chromium' : engine;
  // The browser's own sentence for such a request must say what the text says (line breaks
  // aside): the words and the values read agree with the request the cure is for.
  const words = said.replace(/\s+/g, ' ');
  // The actual response first: when the words do not say which, it is the likelier one.
  const order: Stage[] = stage ? [stage] : (['response', 'preflight', 'redirect'] as const).filter((s) => !(notPreflight && s === 'preflight'));
  for (const s of order) {
    if (!rule.stages.includes(s) && !(id === 'redirect-credentials' && s !== 'preflight')) continue;
    // Chromium names a redirect ("redirected from"); Firefox and a bare reason do not, so the
    // request may have been redirected (which is what redirect-taint needs).
    const vias = r.first === undefined && (engine !== 'chromium' || !r.url) ? [false, true] : [false];
    for (const via of vias) {
      const record = sampleRecord(id, s, r, via);
      const error = record && validate(record, browser).find((f) => f.severity === 'error');
      if (!error || error.rule !== id || (engine !== 'paraphrase' && !error.message.replace(/\s+/g, ' ').includes(words))) continue;
      const fix = error.fix;
      // The redirect the text names (or the one taint needs) comes first; no text gives its status.
      const firstHop = record.hops.length > 1 && (r.first !== undefined || via) && record.hops[0]!.url !== record.hops.at(-1)!.url;
      const show = (t: string): string => unsaid(labelled(t), r, id);
      return [
        {
          id,
          summary: rule.summary,
          explanation: show(error.explanation),
          steps: fix.steps.map((st) => cureStep(st, r.status === undefined || (firstHop && st.hop === 0))),
          notes: fix.notes.map(show),
          ...(stack ? { snippet: show(renderSnippet(fix.spec, stack)) } : {}),
        },
      ];
    }
  }
  return [];
}
