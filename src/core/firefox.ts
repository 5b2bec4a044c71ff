// Firefox's CORS console sentences. Templates copied from Gecko's
// dom/locales/en-US/chrome/security/security.properties (mozilla/gecko-dev; %1$S = the URL,
// %2$S = the parameter), checked against Firefox ESR 153 by test/fixtures/firefox.json
// (`npm run record:firefox`). Firefox uses typographic quotes ‘ ’; only CORSNotSupportingCredentials
// quotes the URL. Each key maps to its MDN page (Firefox DevTools' "Learn more" link), named by
// nsILoadInfo's BLOCKING_REASON_CORS_* slugs, MDN's own typo "CORSMIssingAllowCredentials" included.

const BLOCKED = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at';

export const FIREFOX_REASONS = {
  CORSDidNotSucceed2: { mdn: 'CORSDidNotSucceed', text: '%1$S. (Reason: CORS request did not succeed). Status code: %2$S.' },
  CORSExternalRedirectNotAllowed: { mdn: 'CORSExternalRedirectNotAllowed', text: '%1$S. (Reason: CORS request external redirect not allowed).' },
  CORSMissingAllowOrigin2: { mdn: 'CORSMissingAllowOrigin', text: '%1$S. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: %2$S.' },
  CORSMultipleAllowOriginNotAllowed: {
    mdn: 'CORSMultipleAllowOriginNotAllowed',
    text: '%1$S. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).',
  },
  CORSAllowOriginNotMatchingOrigin: {
    mdn: 'CORSAllowOriginNotMatchingOrigin',
    text: '%1$S. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘%2$S’).',
  },
  CORSNotSupportingCredentials: {
    mdn: 'CORSNotSupportingCredentials',
    text: '‘%1$S’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
  },
  CORSMethodNotFound: { mdn: 'CORSMethodNotFound', text: '%1$S. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).' },
  CORSMissingAllowCredentials: {
    mdn: 'CORSMIssingAllowCredentials',
    text: '%1$S. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).',
  },
  CORSPreflightDidNotSucceed3: { mdn: 'CORSPreflightDidNotSucceed', text: '%1$S. (Reason: CORS preflight response did not succeed). Status code: %2$S.' },
  CORSInvalidAllowMethod: { mdn: 'CORSInvalidAllowMethod', text: '%1$S. (Reason: invalid token ‘%2$S’ in CORS header ‘Access-Control-Allow-Methods’).' },
  CORSInvalidAllowHeader: { mdn: 'CORSInvalidAllowHeader', text: '%1$S. (Reason: invalid token ‘%2$S’ in CORS header ‘Access-Control-Allow-Headers’).' },
  CORSMissingAllowHeaderFromPreflight2: {
    mdn: 'CORSMissingAllowHeaderFromPreflight',
    text: '%1$S. (Reason: header ‘%2$S’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
  },
} as const;

export type FirefoxKey = keyof typeof FIREFOX_REASONS;

/** What a rule tells Firefox's sentence: which key, and its %2$S parameter (if the key has one). */
export interface FirefoxReason {
  key: FirefoxKey;
  param?: string;
}

/** The MDN page Firefox links a CORS console error to. */
export function mdnLink(key: FirefoxKey): string {
  return `https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/${FIREFOX_REASONS[key].mdn}`;
}

/** Firefox's console sentence for `url` (the URL of the hop Firefox blocked). */
export function firefoxSentence(url: string, reason: FirefoxReason): string {
  // One pass, so a URL or value that itself holds "%2$S" is never substituted again.
  const text = FIREFOX_REASONS[reason.key].text.replace(/%([12])\$S/g, (_m, n: string) => (n === '1' ? url : (reason.param ?? '(null)')));
  return `${BLOCKED} ${text}`;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MATCHERS = (Object.keys(FIREFOX_REASONS) as FirefoxKey[]).map((key) => ({
  key,
  re: new RegExp(`^${escapeRe(`${BLOCKED} ${FIREFOX_REASONS[key].text}`).replace(/%[12]\\\$S/g, '(.*)')}$`, 's'),
}));

/** Which Firefox key a recorded console sentence is (undefined: not a CORS block sentence we know). */
export function firefoxKeyOf(text: string): FirefoxKey | undefined {
  return MATCHERS.find((m) => m.re.test(text))?.key;
}

/**
 * A header value as Firefox prints it: the bytes decoded as UTF-8, an invalid byte as U+FFFD
 * (lab edge-acao-latin1: "does not match ‘http://caf�.example’"). Our text keeps such a byte as
 * U+DC80–U+DCFF (./bytes.ts).
 */
export function firefoxParam(value: string | undefined): string {
  return (value ?? '').replace(/[\udc80-\udcff]/g, '\ufffd');
}
