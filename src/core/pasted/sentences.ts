// The sentences `explain` knows, as patterns made from the rules' own words: each rule's
// reason.chromium called with sentinel values, Firefox's templates (../firefox.ts) with theirs,
// and the sentinels turned into capture groups. No sentence is typed a second time here, so a
// rule whose wording changes is recognised in its new words.
import { BROWSERS } from '../message';
import { FIREFOX_REASONS, firefoxSentence, type FirefoxKey } from '../firefox';
import { WEBKIT_REASONS, webkitLoadLine, webkitSentence, type WebKitKey } from '../webkit';
import type { Rule, StageContext } from '../rule';
import { rules } from '../rules/index';
import type { InitiatorKind, Stage } from '../types';

/** Whose words: a browser's console sentence, or how people retell it. */
export type Engine = 'chromium' | 'firefox' | 'webkit' | 'paraphrase';

/**
 * One pattern. 'head': the part naming the URL and origin; 'prefix': Chromium's preflight words;
 * 'reason': the cause, naming `rules` (several when the words are shared); 'load': WebKit's
 * "… cannot load <url> due to access control checks." that follows its reason.
 */
export interface Pattern {
  engine: Engine;
  part: 'head' | 'prefix' | 'reason' | 'load';
  re: RegExp;
  /** Capture group i+1 holds names[i]. */
  names: Slot[];
  rules: string[];
  stage?: Stage;
  /** Firefox: the security.properties key of the sentence. */
  key?: FirefoxKey;
  /**
   * The words after a value that runs "up to the words that follow". A match must end with them,
   * so the scan stops at their last place: every start before it then finds them, and a paste of
   * one sentence's first words repeated cannot make the lazy value rescan the rest (quadratic).
   */
  tail?: RegExp;
}

/**
 * What a sentence can say: URLs, the page's origin, the header value (or method, header name),
 * the status, where a redirect led.
 */
export type Slot = 'url' | 'first' | 'origin' | 'value' | 'status' | 'target';

const S: Record<Slot, string> = {
  url: '\u0001U\u0001',
  first: '\u0001F\u0001',
  origin: '\u0001O\u0001',
  value: '\u0001V\u0001',
  status: '\u0001S\u0001',
  target: '\u0001T\u0001',
};
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A literal template with sentinels → a pattern with one group per sentinel, in order. */
function fromTemplate(text: string, loose = false): { source: string; names: Slot[]; tail?: string } {
  const names: Slot[] = [];
  let tail: string | undefined;
  const slots = Object.entries(S) as [Slot, string][];
  let source = '';
  let i = 0;
  while (i < text.length) {
    const hit = slots.find(([, s]) => text.startsWith(s, i));
    if (hit) {
      names.push(hit[0]);
      // URLs and origins hold no space or quote (browsers print them encoded), which keeps the
      // scan linear; a header value may hold anything up to the words that follow, and at the
      // very end of a sentence (WebKit's "has an invalid value: %1") runs to the end of its line.
      source += hit[0] !== 'value' ? "([^\\s'‘’]*)" : i + hit[1].length === text.length ? '([^\\n]*)' : '(.*?)';
      i += hit[1].length;
      // The words after the last value: see Pattern.tail.
      const rest = text.slice(i);
      if (hit[0] === 'value' && rest !== '' && !slots.some(([, x]) => rest.includes(x))) tail = fromTemplate(rest, loose).source;
      continue;
    }
    const ch = text[i]!;
    if (loose && /['"‘’“”]/.test(ch)) source += '[\'"‘’“”]?';
    else if (loose && /\s/.test(ch)) source += '\\s+';
    else if (ch === ' ') source += '[ \\n]';
    else if (loose && ch === '.' && i === text.length - 1) source += '\\.?';
    else source += escapeRe(ch);
    i++;
  }
  return tail === undefined ? { source, names } : { source, names, tail };
}

function pattern(engine: Engine, part: Pattern['part'], text: string, rulesOf: string[], stage?: Stage, loose = false): Pattern {
  const { source, names, tail } = fromTemplate(text, loose);
  const flags = loose ? 'gis' : 'gs';
  return {
    engine,
    part,
    re: new RegExp(source, flags),
    names,
    rules: rulesOf,
    ...(stage ? { stage } : {}),
    ...(tail ? { tail: new RegExp(tail, flags) } : {}),
  };
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
        re: new RegExp(`${escapeRe(head).replace(/ /g, '[ \\n]')}‘?([^\\s‘’]*?)’?\\.[ \\n](?=\\(Reason:)`, 'g'),
        names: ['url'],
        rules: [],
      });
    }
    const ids = errorRules.filter((r) => firefoxKeyOfRule(r) === key).map((r) => r.id);
    const reason = full.slice(reasonAt).replace(S.value, key.includes('Status') || /Status code: \u0001V\u0001/.test(full) ? S.status : S.value);
    const stage = key.startsWith('CORSPreflight') ? 'preflight' : undefined;
    if (ids.length > 0) out.push({ ...pattern('firefox', 'reason', reason, ids, stage), key });
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

function webkitPatterns(): Pattern[] {
  const out: Pattern[] = [];
  for (const key of Object.keys(WEBKIT_REASONS) as WebKitKey[]) {
    const template = WEBKIT_REASONS[key];
    // Each %N by the words before it: "Origin %1", "Status code: %N", otherwise the value.
    const params = [1, 2].map((n) => (template.includes(`Origin %${n}`) ? S.origin : template.includes(`Status code: %${n}`) ? S.status : S.value));
    const ids = errorRules.filter((r) => webkitKeyOfRule(r) === key).map((r) => r.id);
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

export const PATTERNS: readonly Pattern[] = [...chromiumPatterns(), ...firefoxPatterns(), ...webkitPatterns(), ...paraphrasePatterns()];
