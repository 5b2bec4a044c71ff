// Fetch §4.4 HTTP-redirect fetch: the request as it goes on to the next hop. Shared by the walk in
// validate.ts and the fix plan (fix/steps.ts), which must agree on whether that hop is preflighted.
import type { HeaderLine } from './types';

/** Request-body headers Fetch drops when a redirect turns the method into GET (§4.4 step 12). */
const BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type']);

const named = (l: HeaderLine, names: ReadonlySet<string>): boolean => typeof l?.name === 'string' && names.has(l.name.toLowerCase());
const AUTHORIZATION = new Set(['authorization']);

export function followRedirect(
  method: string,
  requestHeaders: HeaderLine[],
  status: number,
  crossOrigin: boolean,
  keepBodyHeaders = false,
): { method: string; requestHeaders: HeaderLine[] } {
  let m = method;
  let headers = requestHeaders;
  if (((status === 301 || status === 302) && m === 'POST') || (status === 303 && m !== 'GET' && m !== 'HEAD')) {
    m = 'GET';
    // Firefox ESR 153 and WebKitGTK 2.50 keep them: the GET after a 303 is preflighted for its
    // Content-Type (lab redirect-303-post, test/fixtures/firefox.json and webkit.json).
    if (!keepBodyHeaders) headers = headers.filter((l) => !named(l, BODY_HEADERS));
  }
  // "the moment another origin is seen after the initial request, the Authorization header is removed"
  if (crossOrigin) headers = headers.filter((l) => !named(l, AUTHORIZATION));
  return { method: m, requestHeaders: headers };
}
