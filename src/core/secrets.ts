// The one list of secret names (headers and URL parameters), used by the collector, the lab, the
// panel and every export or copy. Pure text work: no URL class (src/core has no DOM types), and a
// URL that does not parse as one is still redacted as far as it can be.

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

/** Replaces the values of secret parameters in `a=1&b=2` (a query or a fragment). */
function redactParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      return isSecretParam(name) && eq < pair.length - 1 ? `${name}=${URL_MASK}` : pair;
    })
    .join('&');
}

/**
 * A URL fit to show, copy or export: user:password@ removed, and the values of secret query (and
 * fragment) parameters replaced. Works on text, so a URL inside a sentence is handled the same.
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
  }
  const hash = rest.indexOf('#');
  let fragment = hash >= 0 ? rest.slice(hash) : '';
  rest = hash >= 0 ? rest.slice(0, hash) : rest;
  const q = rest.indexOf('?');
  if (q >= 0) rest = `${rest.slice(0, q + 1)}${redactParams(rest.slice(q + 1))}`;
  // OAuth's implicit flow puts tokens in the fragment (RFC 6749 §4.2.2).
  if (fragment.includes('=')) fragment = `#${redactParams(fragment.slice(1))}`;
  return head + rest + fragment;
}

// Absolute URLs inside free text (Chromium's sentences quote them between single quotes).
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]+/gi;

/** Every URL inside `text` redacted, the rest untouched. */
export function redactText(text: string): string {
  if (typeof text !== 'string') return '';
  return text.replace(URL_IN_TEXT, (u) => redactUrl(u));
}
