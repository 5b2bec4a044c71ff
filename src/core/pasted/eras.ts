// Older wordings of the three engines, still in search results, issue threads and answers, as
// plain data: each template with the slots of ./slots.ts, the rules its words can mean, and who
// printed it. sentences.ts makes them patterns; explain() checks every rule named with validate()
// as it does for today's words, so a wording here can only narrow, never invent, an answer.
// test/fixtures/pasted-lines.json holds real pasted lines of each era, with the thread each came from.
import type { FirefoxKey } from '../firefox';
import type { WebKitKey } from '../webkit';
import type { Stage } from '../types';
import { S } from './slots';

export interface OldWording {
  engine: 'chromium' | 'firefox' | 'webkit';
  part: 'head' | 'prefix' | 'reason' | 'after';
  text: string;
  /** Reasons: the rules these words can mean (or those of today's Firefox key / WebKit key). */
  rules?: string[];
  firefoxKey?: FirefoxKey;
  webkitKey?: WebKitKey;
  stage?: Stage;
  /** Who printed it, and when, for people; none for a sentence today's browsers print too. */
  era?: string;
  followUp?: boolean;
}

const OLD_CHROME = 'Chrome before 2018 (up to version 63)';
const OLDER_CHROME = 'Chrome before 2017';
const OLD_SAFARI = 'Safari before 2020 (and Chrome before 2014)';
const OLD_FIREFOX = 'Firefox before version 68 (2019)';

// Chromium, 2014–2018. The heads and the sentences after a reason are in
// third_party/WebKit/Source/core/loader/DocumentThreadableLoader.cpp ("XMLHttpRequest cannot load
// %s. ", "Fetch API cannot load", from Chrome 64 "Failed to load %s: "; "Response for preflight
// is invalid (redirect)") and third_party/WebKit/Source/platform/loader/fetch/CrossOriginAccessControl.cpp
// (https://github.com/mirror/chromium/blob/15ade480124b4870f49034f46f4b502e00537cca/third_party/WebKit/Source/platform/loader/fetch/CrossOriginAccessControl.cpp:
// AppendOriginDeniedMessage " Origin '%s' is therefore not allowed access.", " The response had
// HTTP status code %d.", "Response for preflight has invalid HTTP status code %d", "Redirect from
// '%s' has been blocked by CORS policy: "). The older words ("A wildcard '*' cannot be used …",
// "Credentials flag is 'true', but …", "Redirect at origin …", "… containing userinfo …") are
// Chrome 49's third_party/WebKit/Source/core/fetch/CrossOriginAccessControl.cpp
// (https://github.com/weolar/miniblink49/blob/0d5d09fcc5dd4492d969b64733338394f770ed24/third_party/WebKit/Source/core/fetch/CrossOriginAccessControl.cpp).
// Today's reasons (No 'Access-Control-Allow-Origin' header …, "… contains multiple values …")
// were already printed then and come from the rules themselves.
const CHROMIUM: OldWording[] = [
  { engine: 'chromium', part: 'head', text: `XMLHttpRequest cannot load ${S.url}. `, era: OLD_CHROME },
  { engine: 'chromium', part: 'head', text: `Fetch API cannot load ${S.url}. `, era: OLD_CHROME },
  { engine: 'chromium', part: 'head', text: `Failed to load ${S.url}: `, era: 'Chrome 64 to 72 (2018–2019)' },
  { engine: 'chromium', part: 'prefix', text: `Redirect from '${S.url}' has been blocked by CORS policy: `, stage: 'redirect', era: OLD_CHROME },
  {
    engine: 'chromium',
    part: 'prefix',
    text: `Redirect at origin '${S.skip}' has been blocked from loading by Cross-Origin Resource Sharing policy: `,
    stage: 'redirect',
    era: OLDER_CHROME,
  },
  {
    engine: 'chromium',
    part: 'reason',
    text: "A wildcard '*' cannot be used in the 'Access-Control-Allow-Origin' header when the credentials flag is true.",
    rules: ['wildcard-origin'],
    era: OLDER_CHROME,
  },
  {
    engine: 'chromium',
    part: 'reason',
    text: `Credentials flag is 'true', but the 'Access-Control-Allow-Credentials' header is '${S.value}'. It must be 'true' to allow credentials.`,
    rules: ['allow-credentials'],
    era: OLDER_CHROME,
  },
  // Chrome printed no full stop after the status; a 3xx preflight got the "(redirect)" words instead.
  {
    engine: 'chromium',
    part: 'reason',
    text: `Response for preflight has invalid HTTP status code ${S.status}`,
    rules: ['preflight-status'],
    stage: 'preflight',
    era: OLD_CHROME,
  },
  {
    engine: 'chromium',
    part: 'reason',
    text: 'Response for preflight is invalid (redirect)',
    rules: ['preflight-redirect'],
    stage: 'preflight',
    era: OLD_CHROME,
  },
  {
    engine: 'chromium',
    part: 'reason',
    text: `The request was redirected to a URL ('${S.value}') containing userinfo, which is disallowed for cross-origin requests.`,
    rules: ['redirect-credentials'],
    era: OLDER_CHROME,
  },
  { engine: 'chromium', part: 'after', text: `Origin '${S.origin}' is therefore not allowed access.`, era: OLD_CHROME },
  { engine: 'chromium', part: 'after', text: `The response had HTTP status code ${S.status}.`, era: OLD_CHROME },
  // Today's Chrome still prints this after an XHR's reason (the rules' own words); then it came after the origin.
  {
    engine: 'chromium',
    part: 'after',
    text: 'The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.',
  },
  { engine: 'chromium', part: 'after', text: 'The credentials mode of an XMLHttpRequest is controlled by the withCredentials attribute.', era: OLDER_CHROME },
  {
    engine: 'chromium',
    part: 'after',
    text: "If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
    era: OLD_CHROME,
  },
  {
    engine: 'chromium',
    part: 'after',
    text: "Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
    era: 'older Chrome (today it ends after "a valid value.")',
  },
];

// Firefox before the status code was added to its sentences (about version 68): the keys
// CORSMissingAllowOrigin, CORSDidNotSucceed, CORSPreflightDidNotSucceed and
// CORSMissingAllowHeaderFromPreflight of dom/locales/en-US/chrome/security/security.properties,
// e.g. https://github.com/rmottola/Arctic-Fox/blob/09b6c609952c3bd8fa7471d34844df399c23fb6e/dom/locales/en-US/chrome/security/security.properties
// (Firefox before about 50 printed straight quotes; the patterns take any). The old
// CORSPreflightDidNotSucceed was logged by nsCORSListenerProxy.cpp's CheckRequestApproved only
// after Access-Control-Allow-Origin and -Credentials passed, when the preflight's status was not
// 2xx (or the preflight failed below HTTP): today's preflight-status, or a redirected preflight.
const FIREFOX: OldWording[] = [
  {
    engine: 'firefox',
    part: 'reason',
    text: "(Reason: CORS header 'Access-Control-Allow-Origin' missing).",
    firefoxKey: 'CORSMissingAllowOrigin2',
    era: OLD_FIREFOX,
  },
  // Before CORSNotSupportingCredentials (about Firefox 52), '*' with credentials was a mismatch.
  {
    engine: 'firefox',
    part: 'reason',
    text: "(Reason: CORS header 'Access-Control-Allow-Origin' does not match '*').",
    rules: ['wildcard-origin'],
    era: 'Firefox before 2017',
  },
  { engine: 'firefox', part: 'reason', text: '(Reason: CORS request did not succeed).', firefoxKey: 'CORSDidNotSucceed2', followUp: true, era: OLD_FIREFOX },
  {
    engine: 'firefox',
    part: 'reason',
    text: '(Reason: CORS preflight channel did not succeed).',
    rules: ['preflight-status', 'preflight-redirect'],
    stage: 'preflight',
    era: OLD_FIREFOX,
  },
  {
    engine: 'firefox',
    part: 'reason',
    text: `(Reason: missing token '${S.value}' in CORS header 'Access-Control-Allow-Headers' from CORS preflight channel).`,
    firefoxKey: 'CORSMissingAllowHeaderFromPreflight2',
    era: OLD_FIREFOX,
  },
];

// WebKit before " Status code: %d" was appended (Source/WebCore/loader/CrossOriginAccessControl.cpp,
// passesAccessControlCheck and validatePreflightResponse; Blink kept these words until it forked,
// so Chrome before 2014 printed them too). Safari's console put "XMLHttpRequest cannot load %s. "
// (or "Fetch API cannot load %s. ") before the reason.
const WEBKIT: OldWording[] = [
  { engine: 'webkit', part: 'head', text: `XMLHttpRequest cannot load ${S.url}. `, era: OLD_SAFARI },
  { engine: 'webkit', part: 'head', text: `Fetch API cannot load ${S.url}. `, era: OLD_SAFARI },
  {
    engine: 'webkit',
    part: 'reason',
    text: `Origin ${S.origin} is not allowed by Access-Control-Allow-Origin.`,
    webkitKey: 'originNotAllowed',
    era: OLD_SAFARI,
  },
  { engine: 'webkit', part: 'reason', text: 'Preflight response is not successful.', webkitKey: 'preflightStatus', stage: 'preflight', era: OLD_SAFARI },
];

export const OLD_WORDINGS: readonly OldWording[] = [...CHROMIUM, ...FIREFOX, ...WEBKIT];
