// The sentences `explain` knows, as patterns made from the rules' own words: each rule's
// reason.chromium called with sentinel values, Firefox's templates (../firefox.ts) with theirs,
// and the sentinels turned into capture groups. No sentence is typed a second time here, so a
// rule whose wording changes is recognised in its new words.
import { BROWSERS } from '../message';
import { FIREFOX_REASONS, firefoxSentence, type FirefoxKey } from '../firefox';
import { WEBKIT_REASONS, webkitLoadLine, webkitSentence, type WebKitKey } from '../webkit';
import type { Rule, StageContext } from '../rule';
import { rules } from '../rules/index';
import { OLD_WORDINGS } from './eras';
import { escapeRe, S, type Slot } from './slots';
import type { InitiatorKind, Stage } from '../types';

/** Whose words: a browser's console sentence, or how people retell it. */
export type Engine = 'chromium' | 'firefox' | 'webkit' | 'paraphrase';

/**
 * One pattern. 'head': the part naming the URL and origin; 'prefix': the words between head and
 * reason that name the response (Chromium's preflight words, its older "Redirect from …");
 * 'reason': the cause, naming `rules` (several when the words are shared); 'load': WebKit's
 * "… cannot load <url> due to access control checks." that follows its reason; 'after': the
 * sentences older Chromium put after a reason ("Origin 'x' is therefore not allowed access.").
 */
export interface Pattern {
  engine: Engine;
  part: 'head' | 'prefix' | 'reason' | 'load' | 'after';
  re: RegExp;
  /** Capture group i+1 holds names[i]. */
  names: Slot[];
  rules: string[];
  stage?: Stage;
  /** Firefox: the security.properties key of the sentence (today's key for an older wording). */
  key?: FirefoxKey;
  /**
   * The words after a value that runs "up to the words that follow". A match must end with them,
   * so the scan stops at their last place: every start before it then finds them, and a paste of
   * one sentence's first words repeated cannot make the lazy value rescan the rest (quadratic).
   */
  tail?: RegExp;
  /**
   * The sentence exactly as the browser prints it (no paste damage taken): where both match at
   * one place, this reading wins, so damage tolerance never cuts a value that holds a quote or
   * a parenthesis short.
   */
  strict?: RegExp;
  /** An older wording: who printed it and until when, for people (src/core/pasted/eras.ts). */
  era?: string;
  /** A line that only repeats that the request failed (Firefox's "CORS request did not succeed"). */
  followUp?: boolean;
}

// Paste damage the patterns take (each seen in public threads, test/fixtures/pasted-lines.json):
// any quote mark for any other, Markdown backticks or none at all; any run of spaces and line
// breaks for a space; a missing final full stop or parenthesis; a URL broken by a line wrap (its
// pieces are joined again, joinUrls in ../explain.ts).
/** Every quote mark people's pastes put where the browser printed one. */
export const QUOTES = `'"‘’“”\`´`;
/** A URL or origin: no space or quote (browsers print them encoded); a line break inside is a wrap. */
const URL_SLOT = `((?:[^\\s${QUOTES}]|\\n(?=[^\\s${QUOTES}]))*)`;
/** The same, as short as it can be: a URL that ends a sentence (Firefox's "… at URL. (Reason:"). */
const URL_SLOT_LAZY = URL_SLOT.replace(/\*\)$/, '*?)');
/**
 * Where a sentence may end when its closing marks were lost: a space, a quote, backtick or
 * bracket, or the paste's end; right after a value (which may hold any of those) only a line's end.
 */
const ENDS = `(?=[\\s\\]>${QUOTES}]|$)`;
const ENDS_AFTER_VALUE = '(?=\\n|$)';
/** A status: digits, or Firefox's "(null)" when there was no response. */
const STATUS_SLOT = '(\\d{1,3}|\\(null\\))';

/**
 * A literal template with sentinels → a pattern with one group per sentinel, in order. A quote
 * right after a value is required (any quote mark): with every closing mark optional, the lazy
 * value would stop at once.
 */
function fromTemplate(text: string, afterValue = false): { source: string; names: Slot[]; tail?: string } {
  const names: Slot[] = [];
  let tail: string | undefined;
  const slots = Object.entries(S) as [Slot, string][];
  let source = '';
  let i = 0;
  let closes = afterValue;
  // Only closing marks between the last value and the end: those may not be lost into the value.
  const valueEnds = afterValue ? /^[\s.)'‘’"]*$/.test(text) : /(?:\u0001V\u0001|\*)[\s.)'‘’"]*$/.test(text);
  while (i < text.length) {
    const hit = slots.find(([, s]) => text.startsWith(s, i));
    if (hit) {
      names.push(hit[0]);
      // A header value may hold anything up to the words that follow, and at the very end of a
      // sentence (WebKit's "has an invalid value: %1") runs to the end of its line.
      source += hit[0] === 'status' ? STATUS_SLOT : hit[0] !== 'value' ? URL_SLOT : i + hit[1].length === text.length ? '([^\\n]*)' : '(.*?)';
      i += hit[1].length;
      closes = hit[0] === 'value';
      // The words after the last value: see Pattern.tail.
      const rest = text.slice(i);
      if (hit[0] === 'value' && rest !== '' && !slots.some(([, x]) => rest.includes(x))) tail = fromTemplate(rest, true).source;
      continue;
    }
    source += literal(text, i, closes, valueEnds);
    // A literal '*' where a value goes (older Firefox's "does not match '*'") is closed like one.
    closes = text[i] === '*' && !isWildcardWord(text, i);
    // Firefox's final ")." is one closing (see literal()).
    i += text.slice(i) === ').' ? 2 : 1;
  }
  return tail === undefined ? { source, names } : { source, names, tail };
}

/** Chromium's "the wildcard '*'": words, not a value. */
const isWildcardWord = (text: string, i: number): boolean => /wildcard \W?$/.test(text.slice(0, i));

/** The pattern for the template's character at `i`, with the paste damage above. */
function literal(text: string, i: number, closesValue: boolean, valueEnds: boolean): string {
  const ch = text[i]!;
  // Closing marks are the template's very last characters (a head's ". " goes on to its reason).
  const rest = text.slice(i + 1);
  if (QUOTES.includes(ch)) return closesValue ? `[${QUOTES}]` : `[${QUOTES}]?`;
  if (/\s/.test(ch)) return rest.trim() === '' ? '\\s*' : '\\s+';
  // The closing marks, or the sentence ends there: a space, the paste's end, a Markdown backtick
  // or bracket (never a quote mark: a value may hold one, and a quote then goes on reading it).
  const ends = valueEnds ? ENDS_AFTER_VALUE : ENDS;
  if (rest === '' && (ch === '.' || ch === ')')) return `(?:\\${ch}|${ends})`;
  if (ch === ')' && rest === '.') return `(?:\\)\\.?|\\.|${ends})`;
  // Firefox's "(Reason: …" quoted without its parenthesis; Markdown turning Chromium's "wildcard
  // '*'" into '_'; a wrap after a hyphen ("Access-Control-\nAllow-Origin").
  if (ch === '(' && i === 0) return '\\(?';
  if (ch === '*') return isWildcardWord(text, i) ? '[*_]' : '\\*';
  if (ch === '-') return '-[ \\n]?';
  return escapeRe(ch);
}

function pattern(engine: Engine, part: Pattern['part'], text: string, rulesOf: string[], stage?: Stage, loose = false): Pattern {
  const { source, names, tail } = fromTemplate(text);
  const flags = loose ? 'gis' : 'gs';
  const strict = part === 'reason' ? { strict: new RegExp(exactly(text), flags) } : {};
  return {
    engine,
    part,
    re: new RegExp(source, flags),
    names,
    rules: rulesOf,
    ...(stage ? { stage } : {}),
    ...(tail ? { tail: new RegExp(tail, flags) } : {}),
    ...strict,
  };
}

/** The template as printed: only its spaces may be line breaks; groups as in fromTemplate(). */
function exactly(text: string): string {
  const slots = Object.entries(S) as [Slot, string][];
  let source = '';
  for (let i = 0; i < text.length;) {
    const hit = slots.find(([, x]) => text.startsWith(x, i));
    if (hit) {
      const atEnd = i + hit[1].length === text.length;
      source += hit[0] === 'status' ? STATUS_SLOT : hit[0] !== 'value' ? URL_SLOT : atEnd ? '([^\\n]*)' : '(.*?)';
      i += hit[1].length;
    } else {
      source += text[i] === ' ' ? '[ \\n]' : escapeRe(text[i]!);
      i++;
    }
  }
  return source;
}

const errorRules = (rules as readonly Rule[]).filter((r) => r.severity === 'error');

function chromiumPatterns(): Pattern[] {
  const out: Pattern[] = [];
  const sentence = BROWSERS.chromium.sentence;
  const base = { hint: '', firstUrl: S.url, url: S.url, pageOrigin: S.origin, preflightPrefix: false, reason: '' };
  for (const initiator of ['fetch', 'xmlhttprequest'] as const) {
    out.push(pattern('chromium', 'head', sentence({ ...base, initiator }), []));
    out.push(pattern('chromium', 'head', sentence({ ...base, initiator, firstUrl: S.first }), []));
  }
  const plain = sentence({ ...base, initiator: 'fetch' });
  const preflight = sentence({ ...base, initiator: 'fetch', preflightPrefix: true });
  out.push(pattern('chromium', 'prefix', preflight.slice(plain.length), [], 'preflight'));
  // Reasons: one pattern per distinct wording, naming every rule that uses it.
  const byText = new Map<string, string[]>();
  for (const rule of errorRules) {
    for (const initiator of ['fetch', 'xmlhttprequest'] as InitiatorKind[]) {
      const text = rule.reason.chromium({ hint: S.value, initiator });
      byText.set(text, [...new Set([...(byText.get(text) ?? []), rule.id])]);
    }
  }
  for (const [text, ids] of byText) out.push(pattern('chromium', 'reason', text, ids));
  return out;
}

/** Which Firefox key each rule's reason gives: the rules only pick a key and its parameter. */
function firefoxKeyOfRule(rule: Rule): FirefoxKey | undefined {
  const ctx = { response: { status: 0, headers: [] }, status: NaN, h: { allowOriginLines: 0 }, requestHeaders: [] } as unknown as StageContext;
  return rule.reason.firefox?.(ctx, { hint: '', cause: '' }).key;
}

const firefoxRules = (key: FirefoxKey): string[] => errorRules.filter((r) => firefoxKeyOfRule(r) === key).map((r) => r.id);

function firefoxPatterns(): Pattern[] {
  const out: Pattern[] = [];
  const heads = new Set<string>();
  for (const key of Object.keys(FIREFOX_REASONS) as FirefoxKey[]) {
    const full = firefoxSentence(S.url, { key, param: S.value });
    const at = full.indexOf(S.url);
    const reasonAt = full.indexOf('(Reason:');
    if (at < 0 || reasonAt < 0) continue;
    // The head without the quote some keys put around the URL: ‘URL’ or URL, then ". ".
    const head = full.slice(0, at).replace(/‘$/, '');
    if (!heads.has(head)) {
      heads.add(head);
      out.push({
        engine: 'firefox',
        part: 'head',
        re: new RegExp(`${fromTemplate(head).source}[${QUOTES}]?${URL_SLOT_LAZY}[${QUOTES}]?\\.?\\s*(?=\\(Reason:)`, 'g'),
        names: ['url'],
        rules: [],
      });
    }
    const ids = firefoxRules(key);
    const reason = full.slice(reasonAt).replace(S.value, key.includes('Status') || /Status code: \u0001V\u0001/.test(full) ? S.status : S.value);
    const stage = key.startsWith('CORSPreflight') ? 'preflight' : undefined;
    if (ids.length > 0) out.push({ ...pattern('firefox', 'reason', reason, ids, stage), key, ...(key === 'CORSDidNotSucceed2' ? { followUp: true } : {}) });
  }
  return out;
}

/** Which WebKit key each rule's reason gives (the rules pick a key; webkit.ts words it). */
function webkitKeyOfRule(rule: Rule): WebKitKey | undefined {
  const ctx = {
    origin: '',
    response: { status: 0, headers: [] },
    status: NaN,
    h: { allowOriginLines: 0 },
    requestHeaders: [],
    method: '',
  } as unknown as StageContext;
  return rule.reason.webkit?.(ctx, { hint: '', cause: '' }).key;
}

const webkitRules = (key: WebKitKey): string[] => errorRules.filter((r) => webkitKeyOfRule(r) === key).map((r) => r.id);

function webkitPatterns(): Pattern[] {
  const out: Pattern[] = [];
  for (const key of Object.keys(WEBKIT_REASONS) as WebKitKey[]) {
    const template = WEBKIT_REASONS[key];
    // Each %N by the words before it: "Origin %1", "Status code: %N", otherwise the value.
    const params = [1, 2].map((n) => (template.includes(`Origin %${n}`) ? S.origin : template.includes(`Status code: %${n}`) ? S.status : S.value));
    const ids = webkitRules(key);
    const stage = template.startsWith('Preflight') ? 'preflight' : undefined;
    if (ids.length > 0) out.push(pattern('webkit', 'reason', webkitSentence({ key, params }), ids, stage));
  }
  // A failed redirect response: its reason wrapped in "Cross-origin redirection to <target> …".
  const wrapped = webkitSentence({ key: 'wildcard' }, S.target);
  out.push(pattern('webkit', 'head', wrapped.slice(0, wrapped.indexOf(WEBKIT_REASONS.wildcard)), [], 'redirect'));
  for (const initiator of ['fetch', 'xmlhttprequest']) out.push(pattern('webkit', 'load', webkitLoadLine(initiator, S.url), []));
  return out;
}

function paraphrasePatterns(): Pattern[] {
  return errorRules.flatMap((r) => (r.paraphrases ?? []).map((p) => pattern('paraphrase', 'reason', p.text, [r.id], p.stage, true)));
}

/** The older wordings of ./eras.ts, with the rules of today's key where they name one. */
function eraPatterns(): Pattern[] {
  return OLD_WORDINGS.map((w) => {
    const ids = w.rules ?? (w.firefoxKey ? firefoxRules(w.firefoxKey) : w.webkitKey ? webkitRules(w.webkitKey) : []);
    const p = pattern(w.engine, w.part, w.text, ids, w.stage);
    return { ...p, ...(w.era ? { era: w.era } : {}), ...(w.firefoxKey ? { key: w.firefoxKey } : {}), ...(w.followUp ? { followUp: true } : {}) };
  });
}

export const PATTERNS: readonly Pattern[] = [...chromiumPatterns(), ...firefoxPatterns(), ...webkitPatterns(), ...eraPatterns(), ...paraphrasePatterns()];
