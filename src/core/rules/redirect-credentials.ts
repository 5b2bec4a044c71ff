// Fetch §4.4 HTTP-redirect fetch: a CORS request whose Location includes a username or password is
// a network error. Chromium CorsURLLoader::CheckRedirectLocation → kRedirectContainsCredentials,
// checked after the redirect response's own CORS check: with the CORS flag set (every stage this rule
// runs on) any userinfo fails, even on a Location back to the page's own origin (lab
// redirect-userinfo-to-page); validate.ts runs it on a same-origin hop too when the Location leaves
// the request's origin (lab redirect-userinfo-from-page).
import { pathOf, specFor } from '../fix/common';
import { displayUrl, parseUrl, urlHasCredentials } from '../origin';
import { defineRule, oneCode } from '../rule';
import { cap, stageName } from '../words';

function stripped(url: string): string {
  return parseUrl(url) === undefined ? '' : displayUrl(url);
}

export default defineRule({
  id: 'redirect-credentials',
  severity: 'error',
  stages: ['redirect'],
  code: oneCode('RedirectContainsCredentials'),
  preflightPrefix: false,
  summary: 'a redirect Location carries user:password',
  reason: {
    chromium: ({ hint }) => `Redirect location '${hint}' contains a username and password, which is disallowed for cross-origin requests.`,
    // Firefox ESR 153 gives no reason of its own: "CORS request did not succeed" (lab redirect-userinfo).
    firefox: () => ({ key: 'CORSDidNotSucceed2' }),
    // WebKit prints the Location as sent, user:password included (lab redirect-userinfo).
    webkit: (ctx) => ({ key: 'redirectCredentials', params: [ctx.location ?? ''] }),
  },
  check: (ctx) => {
    const location = ctx.location;
    if (location === undefined || !urlHasCredentials(location)) return undefined;
    // Chromium 156 on this machine: the failed parameter is empty ("Redirect location '' contains …"),
    // although cors_error_string.cc prints it; the recorded fixture is the truth.
    return { hint: '', header: 'location', cause: 'Location has user:password' };
  },
  explain: (ctx) =>
    `${cap(stageName(ctx))} sends the browser to a URL with a username and password in it (user:password@host). The browser refuses to follow such a redirect for a cross-origin request. Credentials belong in cookies or an Authorization header, not in URLs.`,
  fix: (ctx) => {
    const clean = stripped(ctx.location ?? '');
    return {
      stage: 'redirect',
      hop: ctx.hop,
      headers: clean === '' || /[\r\n]/.test(clean) ? [] : [`Location: ${clean}`],
      notes: [`Remove the user:password part from the Location header of ${pathOf(ctx.url)}.`],
      spec: specFor(ctx, 'redirect-credentials'),
    };
  },
});
