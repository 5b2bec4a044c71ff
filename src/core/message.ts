// The console sentence, per browser. Chromium's template is
// third_party/blink/renderer/platform/loader/cors/cors_error_string.cc
// (GetErrorStringForConsoleMessage), checked against Chromium 156 on this machine by the recorded
// fixtures in test/fixtures/chromium.json. Firefox's sentences are in ./firefox.ts, checked
// against Firefox ESR 153 by test/fixtures/firefox.json, and WebKit's in ./webkit.ts, checked
// against WebKitGTK 2.50 by test/fixtures/webkit.json; never derived from Chromium's.
import { escapedByte } from './bytes';
import type { InitiatorKind } from './types';

export type Browser = 'chromium' | 'firefox' | 'webkit';

/** Every engine whose words a finding carries (Finding.messages). */
export const ENGINES: readonly Browser[] = ['chromium', 'firefox', 'webkit'];

/** What a rule's reason text may depend on. */
export interface ReasonInput {
  /** Chromium's failed_parameter: the ACAO/ACAC value, method, header name or redirect URL. */
  hint: string;
  initiator: InitiatorKind;
}

export type Reason = (input: ReasonInput) => string;

export interface SentenceInput extends ReasonInput {
  /** The URL the page asked for (hops[0].url). */
  firstUrl: string;
  /** The URL of the hop the error is about. */
  url: string;
  /** The requesting page's origin, as the console prints it. */
  pageOrigin: string;
  /** Chromium's IsPreflightError(): the preflight twins of the access checks, status and redirect. */
  preflightPrefix: boolean;
  reason: string;
}

interface BrowserMessages {
  sentence(input: SentenceInput): string;
}

const chromium: BrowserMessages = {
  sentence({ initiator, firstUrl, url, pageOrigin, preflightPrefix, reason }) {
    // Resource::ResourceTypeToString: "Fetch" → "fetch"; "XMLHttpRequest" keeps its case.
    const kind = initiator === 'xmlhttprequest' ? 'XMLHttpRequest' : 'fetch';
    const redirected = firstUrl !== url ? `(redirected from '${firstUrl}') ` : '';
    const prefix = preflightPrefix ? "Response to preflight request doesn't pass access control check: " : '';
    return `Access to ${kind} at '${url}' ${redirected}from origin '${pageOrigin}' has been blocked by CORS policy: ${prefix}${reason}`;
  },
};

export const BROWSERS: Record<'chromium', BrowserMessages> = { chromium };

/**
 * Chromium's EncodeHint (cors_error_string.cc): the hint is the header's raw bytes; printable ASCII
 * is kept and every other byte is printed as \uXXXX. Our strings are decoded, so non-ASCII
 * characters are re-encoded to their UTF-8 bytes first.
 */
export function encodeHint(hint: string): string {
  let printable = true;
  for (let i = 0; i < hint.length; i++) {
    const c = hint.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      printable = false;
      break;
    }
  }
  if (printable) return hint;
  let out = '';
  for (const ch of hint) {
    const c = ch.codePointAt(0)!;
    const escaped = escapedByte(c);
    if (c >= 0x20 && c <= 0x7e) out += ch;
    // A byte that was not valid UTF-8 (src/core/bytes.ts) is printed as that one byte.
    else if (escaped !== undefined) out += hex(escaped);
    else for (const byte of utf8(c)) out += hex(byte);
  }
  return out;
}

const hex = (byte: number): string => `\\u${byte.toString(16).toUpperCase().padStart(4, '0')}`;

function utf8(c: number): number[] {
  if (c < 0x80) return [c];
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 0x3f)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
  return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
}

/** " Have the server send the header with a valid value." — appended for fetch() only (G4 wording). */
export function validValueAdvice(initiator: InitiatorKind): string {
  return initiator === 'xmlhttprequest' ? '' : ' Have the server send the header with a valid value.';
}

/** Appended for XMLHttpRequest on the wildcard and credentials reasons. */
export function withCredentialsAdvice(initiator: InitiatorKind): string {
  return initiator === 'xmlhttprequest'
    ? ' The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.'
    : '';
}
