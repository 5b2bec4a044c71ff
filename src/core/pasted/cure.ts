// The cure for one rule a pasted sentence may be: a request that fits the text (./sample.ts) is
// judged by validate(); only when it reports that very rule, the validator's own explanation and
// fix for that request are the answer, with the sample's stand-ins shown as <labels>.
import { renderSnippet } from '../fix/stacks/index';
import type { Rule } from '../rule';
import { rules } from '../rules/index';
import type { FixStep, RequestRecord, StackId, Stage } from '../types';
import { validate, type Browser } from '../validate';
import { hasSample, labelled, REDIRECT_STATUS, sampleRecord, type Reading } from './sample';

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
  /**
   * The page's side, only where it is honest: the same responses pass a request without
   * credentials (validate() says so), so a request that needs no cookies can stop sending them.
   */
  client?: string;
}

/** What the text gives and how it was said, for cure(). */
export interface Said {
  reading: Reading;
  stage: Stage | undefined;
  /** Chromium's head without its preflight words: not the preflight. */
  notPreflight: boolean;
  browser: Browser;
  /** The browser's own sentence must hold these words (undefined: a retelling or older words). */
  words: string | undefined;
  stack: StackId | undefined;
}

const RULES = rules as readonly Rule[];
export const ruleById = (id: string): Rule | undefined => RULES.find((r) => r.id === id);

export function bare(id: string): ExplainedRule {
  return { id, summary: ruleById(id)?.summary ?? id, explanation: '', steps: [], notes: [] };
}

// Fetch took User-Agent off the forbidden header names: Firefox and Safari preflight a page-set
// User-Agent and name it, while the validator, like Chromium's net::HttpUtil::IsSafeHeader, never
// counts it as the page's (../safelist.ts). The sample asks with a stand-in name and shows the real one.
const STAND_IN = 'x-stand-in-for-user-agent';
const standIn = (r: Reading, id: string): Reading => (id === 'header-not-allowed' && r.value?.toLowerCase() === 'user-agent' ? { ...r, value: STAND_IN } : r);
const named = (text: string): string => text.split(STAND_IN).join('user-agent');

/** Words as compared: the paste damage sentences.ts takes (quotes, spaces, case, wraps after a hyphen) undone. */
const comparable = (s: string): string =>
  s
    .replace(/[\s]+/g, ' ')
    .replace(/'_'/g, "'*'")
    .replace(/['‘’“”`´"]/g, '')
    .replace(/- /g, '-')
    .replace(/[.)\s]+$/, '')
    .toLowerCase();

/** The rule's explanation and fix for a request that fits the text, if validate() agrees. */
export function cure(id: string, said: Said): ExplainedRule[] {
  const rule = ruleById(id);
  if (!rule || !hasSample(id)) return [];
  const r = standIn(said.reading, id);
  // The actual response first: when the words do not say which, it is the likelier one.
  const order: Stage[] = said.stage ? [said.stage] : (['response', 'preflight', 'redirect'] as const).filter((s) => !(said.notPreflight && s === 'preflight'));
  for (const s of order) {
    if (!rule.stages.includes(s) && !(id === 'redirect-credentials' && s !== 'preflight')) continue;
    // Chromium names a redirect ("redirected from"); Firefox and a bare reason do not, so the
    // request may have been redirected (which is what redirect-taint needs).
    const vias = r.first === undefined && (said.browser !== 'chromium' || !r.url || said.words === undefined) ? [false, true] : [false];
    for (const via of vias) {
      const found = judged(id, s, r, via, said);
      if (found) return [answer(rule, found.record, found.error, via, said)];
    }
  }
  return [];
}

type Judged = { record: RequestRecord; error: ReturnType<typeof validate>[number] };

/** The sample for `stage`, when validate() reports `id` for it in words that fit the text. */
function judged(id: string, stage: Stage, r: Reading, via: boolean, said: Said): Judged | undefined {
  const record = sampleRecord(id, stage, r, via);
  const error = record && validate(record, said.browser).find((f) => f.severity === 'error');
  if (!record || !error || error.rule !== id) return undefined;
  // The browser's own sentence for such a request must say what the text says (paste damage and
  // letter case aside: older Chrome printed a header name as the page wrote it).
  if (said.words !== undefined && !comparable(named(error.message)).includes(comparable(said.words))) return undefined;
  return { record, error };
}

function answer(rule: Rule, record: RequestRecord, error: Judged['error'], via: boolean, said: Said): ExplainedRule {
  const r = said.reading;
  const fix = error.fix;
  // The redirect the text names (or the one taint needs) comes first; no text gives its status.
  const firstHop = record.hops.length > 1 && (r.first !== undefined || via) && record.hops[0]!.url !== record.hops.at(-1)!.url;
  const show = (t: string): string => unsaid(labelled(named(t)), r, rule.id);
  const client = clientAlternative(record, said.browser);
  return {
    id: rule.id,
    summary: rule.summary,
    explanation: show(error.explanation),
    steps: fix.steps.map((st) => cureStep(st, r.status === undefined || (firstHop && st.hop === 0))),
    notes: fix.notes.map(show),
    ...(said.stack ? { snippet: show(renderSnippet(fix.spec, said.stack)) } : {}),
    ...(client ? { client } : {}),
  };
}

/** `unsaid`: the step's status is the sample's (a redirect status the text does not give). */
function cureStep(st: FixStep, unsaid: boolean): CureStep {
  const shown = (t: string): string => labelled(named(t));
  const out: CureStep = { stage: st.stage, headers: st.headers.map(shown) };
  if (st.remove && st.remove.length > 0) out.remove = st.remove.map(shown);
  const from = unsaid && st.status?.from === REDIRECT_STATUS ? '<redirect status>' : String(st.status?.from);
  if (st.status) out.status = shown(`${from} → ${st.status.to}: ${st.status.why}`);
  return out;
}

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

// MDN's CORSNotSupportingCredentials page gives the same client-side cure: a request that needs no
// cookies or HTTP authentication need not ask for them. Credentials mode 'same-origin' (Fetch
// §2.2.5) sends none cross-origin, and the check that failed (Fetch §4.10 CORS check steps 3–5)
// then takes '*' and does not ask for Access-Control-Allow-Credentials.
const CLIENT = {
  fetch:
    "Or, if this request does not need the user's cookies or HTTP authentication, do not send credentials: `credentials: 'same-origin'` (fetch's default) instead of 'include' " +
    "(XMLHttpRequest: `withCredentials = false`). The server's answer as it is then passes; no cookie is sent to it or stored from it.",
  xmlhttprequest:
    "Or, if this request does not need the user's cookies or HTTP authentication, do not send credentials: `withCredentials = false` (fetch: `credentials: 'same-origin'`). " +
    "The server's answer as it is then passes; no cookie is sent to it or stored from it.",
};

/** The page-side alternative, only when the same responses pass the request without credentials. */
export function clientAlternative(record: RequestRecord, browser: Browser): string | undefined {
  const uncredentialed: RequestRecord = { ...record, credentials: 'same-origin' };
  if (validate(uncredentialed, browser).some((f) => f.severity === 'error')) return undefined;
  return CLIENT[record.initiator === 'xmlhttprequest' ? 'xmlhttprequest' : 'fetch'];
}
