// What both CLI lab tests (Chromium's fixture, WebKit's) do for one recorded run: `check` the
// scenario's first URL with the page's origin, method, headers and credentials mode.
import type { Lab, Mode } from '../../lab/index';
import type { Scenario } from '../../lab/scenarios';
import { hopPath } from '../../lab/server';
import { check } from '../../src/cli/check';
import type { Browser } from '../../src/core/message';

let n = 0;

/** Runs `check` on the scenario `o` names, its lab mode set first, as `browser` would judge it. */
export function checkScenario(lab: Lab, o: { id: string; mode: Mode }, browser: Browser = 'chromium') {
  const s = lab.scenarios.find((x) => x.id === o.id)!;
  lab.setMode(o.id, o.mode);
  return check({
    url: `${firstOrigin(lab, s)}${hopPath(s, 0)}?run=cli-${browser}-${++n}`,
    origin: lab.pageOrigin,
    method: s.method,
    headers: Object.entries(s.headers).map(([name, value]) => ({ name, value })),
    // An XHR without withCredentials is credentials mode 'same-origin' (XHR spec, send() step 5).
    credentials: s.client === 'xhr' && s.credentials === 'omit' ? 'same-origin' : s.credentials,
    initiator: s.client === 'xhr' ? 'xmlhttprequest' : 'fetch',
    timeoutMs: 5000,
    browser,
  });
}

/**
 * Where a scenario's first request goes, as the page wrote it: an API, or the page's own origin. XHR
 * credentials given to open() are the URL's userinfo (XHR "open()" step 9), as the CLI takes them.
 */
export function firstOrigin(lab: Lab, s: Scenario): string {
  const origin = s.target === 'page' ? lab.pageOrigin : s.target === 'same-site' ? lab.sameSiteOrigin : lab.crossSiteOrigin;
  return s.xhrAuth === true ? origin.replace('://', '://user:pass@') : origin;
}

/** The running lab's origins, in the shape normalizeSentence takes. */
export const labOrigins = (lab: Lab) => ({ page: lab.pageOrigin, sameSite: lab.sameSiteOrigin, crossSite: lab.crossSiteOrigin });
