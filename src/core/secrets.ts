// The one list of secret names (headers and URL parameters), used by the collector, the lab, the
// panel and every export or copy. Pure text work: no URL class (src/core has no DOM types), and a
// URL that does not parse as one is still redacted as far as it can be.

import type { HeaderLine } from './types';

/** Header names whose values are never stored, shown or copied: names and presence only. */
export const SECRET_HEADERS: readonly string[] = ['authorization', 'cookie', 'proxy-authorization', 'set-cookie', 'set-cookie2'];

/** What replaces a secret value that is stored or shown. */
export const REDACTED = '[redacted]';
/** What replaces a secret URL parameter's value (one word, so the URL stays one token). */
export const URL_MASK = 'REDACTED';

/** What a request header's value becomes where no rule reads it (only safelisted values matter). */
export const VALUE_NOT_KEPT = '(value not kept)';

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.includes(String(name).toLowerCase());
}

/**
 * URL parameters that carry credentials: OAuth 2.0 (RFC 6749 §4.1.2 `code`, §4.2.2 `access_token`),
 * OpenID Connect `id_token`, signed URLs (AWS `X-Amz-Signature`/`X-Amz-Security-Token`, GCS
 * `X-Goog-Signature`, Azure SAS `sig`), API keys and session ids. A name is secret when, lower-cased,
 * it contains one of PARTS, or one of its words (split on anything not a letter or digit) is a WORD.
 */
export const SECRET_PARAM_PARTS: readonly string[] = [
  'token',
  'secret',
  'passw',
  'signature',
  'session',
  'apikey',
  'api_key',
  'api-key',
  'credential',
  'auth',
  'jwt',
  'assertion',
];
export const SECRET_PARAM_WORDS: readonly string[] = ['code', 'key', 'sig', 'pwd', 'pass', 'sid', 'otp', 'ticket', 'saml', 'samlresponse', 'hmac'];

export function isSecretParam(name: string): boolean {
  let lower: string;
  try {
    lower = decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    lower = name.toLowerCase();
  }
  if (SECRET_PARAM_PARTS.some((p) => lower.includes(p))) return true;
  return lower.split(/[^a-z0-9]+/).some((w) => SECRET_PARAM_WORDS.includes(w));
}

/**
 * Header names that say they carry a credential beyond the fixed list: `X-Auth-Token`,
 * `X-Api-Key`, `X-CSRF-Token`, `X-Amz-Security-Token`, `Authentication-Info`, `X-Session-Id`. The
 * CORS headers themselves (`Access-Control-Allow-Credentials`) are what the tool judges: never.
 */
const SECRET_HEADER_WORDS: readonly string[] = [
  'token',
  'secret',
  'key',
  'apikey',
  'auth',
  'authorization',
  'authentication',
  'password',
  'passwd',
  'pwd',
  'session',
  'sessionid',
  'sid',
  'csrf',
  'xsrf',
  'jwt',
  'credential',
  'credentials',
  'signature',
  'cookie',
  'otp',
];

export function isCredentialHeaderName(name: string): boolean {
  const lower = String(name).toLowerCase();
  if (isSecretHeader(lower)) return true;
  if (lower.startsWith('access-control-')) return false;
  if (['token', 'secret', 'passw', 'apikey'].some((p) => lower.includes(p))) return true;
  return lower.split(/[^a-z0-9]+/).some((w) => SECRET_HEADER_WORDS.includes(w));
}

// Values that are credentials whatever they are called. Each is matched inside a path segment, a
// query or fragment value, or a header value, and only the match is replaced.
// - a JWT (RFC 7519 §3: base64url JOSE header, always `{"` so `eyJ`, then payload and signature);
// - a known vendor prefix: Stripe (sk_live_, rk_test_…), GitHub (ghp_, gho_, ghu_, ghs_, ghr_,
//   github_pat_), Slack (xoxb-, xoxp-…), GitLab (glpat-), AWS access key ids (AKIA…, ASIA…), Google
//   API keys (AIza…), npm (npm_), OpenAI-style (sk-…), SendGrid (SG.x.y), webhook secrets (whsec_);
// - a long random token: 24+ characters of a base64/base62 alphabet mixing upper case, lower case
//   and digits. Hex ids and UUIDs (one letter case) are left: they name resources, and a URL
//   stripped of every id says nothing.
const PREFIXED = String.raw`(?:[sr]k|pk)_(?:live|test)_[A-Za-z0-9]{8,}|gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}|xox[abeoprs]-[A-Za-z0-9-]{8,}|glpat-[A-Za-z0-9_-]{16,}|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{30,}|npm_[A-Za-z0-9]{30,}|sk-[A-Za-z0-9_-]{20,}|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}|whsec_[A-Za-z0-9+/=]{16,}`;
const JWT = String.raw`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`;
const SECRET_VALUE = new RegExp(String.raw`(?<![A-Za-z0-9])(?<known>${JWT}|${PREFIXED})|(?<run>[A-Za-z0-9_~-]{24,}={0,2})`, 'g');

/**
 * A run of 24+ token characters is random when it mixes upper case, lower case and digits. One
 * loop over the char codes: called for every long word of every exported text.
 */
function looksRandom(run: string): boolean {
  let seen = 0; // bits: 1 upper case, 2 lower case, 4 digit
  for (let i = 0; i < run.length && seen !== 7; i++) {
    const c = run.charCodeAt(i);
    if (c >= 65 && c <= 90) seen |= 1;
    else if (c >= 97 && c <= 122) seen |= 2;
    else if (c >= 48 && c <= 57) seen |= 4;
  }
  return seen === 7;
}

// Every secret above is a run of these characters of at least 11: a cheap first pass over long
// text (an explanation is mostly short words), the full pattern only inside such runs.
const CANDIDATE = /[A-Za-z0-9_~.+/=-]{11,}/g;

/** `text` with every value that looks like a credential replaced by `mask`. */
export function maskSecretValues(text: string, mask = URL_MASK): string {
  if (typeof text !== 'string') return '';
  if (text.length < 11) return text; // shorter than any CANDIDATE (most path segments)
  // `known` is SECRET_VALUE's first group.
  const inRun = (m: string, known: string | undefined): string => (known !== undefined || looksRandom(m) ? mask : m);
  return text.replace(CANDIDATE, (run) => run.replace(SECRET_VALUE, inRun));
}

/** Does `text` hold anything `maskSecretValues` would mask? */
export function holdsSecretValue(text: string): boolean {
  return maskSecretValues(text) !== text;
}

/** A query or fragment value, decoded where it can be, so `%2E`-spelt JWTs are seen too. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Replaces the values of secret parameters in `a=1&b=2` (a query or a fragment). */
function redactParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return maskSecretValues(pair);
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '') return pair;
      if (isSecretParam(name) || holdsSecretValue(decoded(value))) return `${name}=${URL_MASK}`;
      return pair;
    })
    .join('&');
}

/** Path segments (and matrix or file-name parts of them) that look like credentials, masked. */
function redactPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      const masked = maskSecretValues(segment);
      // A secret spelt with percent-escapes is only seen decoded: the whole segment goes.
      return masked !== segment ? masked : holdsSecretValue(decoded(segment)) ? URL_MASK : segment;
    })
    .join('/');
}

/**
 * A URL fit to show, copy or export: user:password@ removed, the values of secret query (and
 * fragment) parameters replaced, and path segments or values that look like credentials (a JWT, a
 * vendor-prefixed key, a long random token) replaced wherever they sit. Works on text, so a URL
 * inside a sentence is handled the same.
 */
export function redactUrl(url: string): string {
  if (typeof url !== 'string') return '';
  let rest = url;
  let head = '';
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme) {
    head = scheme[0];
    rest = rest.slice(head.length);
    const end = rest.search(/[/?#\\]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) rest = rest.slice(at + 1);
    const host = rest.search(/[/?#\\]/);
    head += host < 0 ? rest : rest.slice(0, host);
    rest = host < 0 ? '' : rest.slice(host);
  }
  const hash = rest.indexOf('#');
  let fragment = hash >= 0 ? rest.slice(hash) : '';
  rest = hash >= 0 ? rest.slice(0, hash) : rest;
  const q = rest.indexOf('?');
  rest = q >= 0 ? `${redactPath(rest.slice(0, q))}?${redactParams(rest.slice(q + 1))}` : redactPath(rest);
  // OAuth's implicit flow puts tokens in the fragment (RFC 6749 §4.2.2).
  if (fragment !== '') fragment = `#${fragment.includes('=') ? redactParams(fragment.slice(1)) : redactPath(fragment.slice(1))}`;
  return head + rest + fragment;
}
// Absolute URLs inside free text (Chromium's sentences quote them between single quotes).
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]+/gi;

/** Every URL inside `text` redacted, the rest untouched. */
export function redactText(text: string): string {
  if (typeof text !== 'string') return '';
  // Most text holds no URL: skip the pattern, which tries every word as a scheme.
  if (!text.includes('://')) return text;
  return text.replace(URL_IN_TEXT, (u) => redactUrl(u));
}

export const MASK = '•••• (hidden)';

/** Cookie/Authorization/Set-Cookie values are never shown or copied: names and presence only. */
export function maskHeader(h: HeaderLine): HeaderLine {
  return isSecretHeader(h.name) ? { name: h.name, value: MASK } : h;
}
