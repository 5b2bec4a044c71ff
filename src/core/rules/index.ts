// Every rule, in Chromium's check order. validate() walks the hops; on each stage it runs the rules
// whose `stages` include it, in this order, and the first error is the one Chromium reports.
//
// Per hop (services/network/cors/cors_url_loader.cc, preflight_controller.cc, preflight_result.cc):
//   preflight: redirect → CheckAccess (origin, then credentials) → ok status → parse ACAM → parse
//              ACAH → method → headers
//   response / redirect: CheckAccess → (redirect) Location without credentials
// Warnings come last and only run on stages that passed.
import allowCredentials from './allow-credentials';
import allowOriginMismatch from './allow-origin-mismatch';
import headerNotAllowed from './header-not-allowed';
import invalidAllowHeaders from './invalid-allow-headers';
import invalidAllowMethods from './invalid-allow-methods';
import invalidAllowOrigin from './invalid-allow-origin';
import methodNotAllowed from './method-not-allowed';
import missingAllowOrigin from './missing-allow-origin';
import missingVaryOrigin from './missing-vary-origin';
import multipleAllowOrigin from './multiple-allow-origin';
import nullAllowOrigin from './null-allow-origin';
import preflightRedirect from './preflight-redirect';
import preflightStatus from './preflight-status';
import redirectCredentials from './redirect-credentials';
import redirectTaintedOrigin from './redirect-tainted-origin';
import wildcardCoversAuthorization from './wildcard-covers-authorization';
import wildcardOrigin from './wildcard-origin';

export const rules = [
  preflightRedirect,
  wildcardOrigin,
  missingAllowOrigin,
  multipleAllowOrigin,
  nullAllowOrigin,
  invalidAllowOrigin,
  redirectTaintedOrigin,
  allowOriginMismatch,
  allowCredentials,
  preflightStatus,
  invalidAllowMethods,
  invalidAllowHeaders,
  methodNotAllowed,
  headerNotAllowed,
  redirectCredentials,
  missingVaryOrigin,
  wildcardCoversAuthorization,
] as const;

export type RuleId = (typeof rules)[number]['id'];

/**
 * The same rules in Firefox's order (netwerk/protocol/http/nsCORSListenerProxy.cpp, mozilla/gecko-dev):
 * CheckRequestApproved counts ACAO lines first, then missing, then `*` with credentials, then
 * "not the origin" (null, invalid, tainted and plain mismatches are one reason there), then ACAC;
 * a redirected preflight passes that check before it is refused as a redirect (AsyncOnChannelRedirect;
 * lab preflight-redirect-no-cors: "… missing). Status code: 301."); CheckPreflightRequestApproved checks status, then ACAM tokens and the method, then ACAH tokens
 * and the headers.
 */
export const firefoxRules = [
  multipleAllowOrigin,
  missingAllowOrigin,
  wildcardOrigin,
  nullAllowOrigin,
  invalidAllowOrigin,
  redirectTaintedOrigin,
  allowOriginMismatch,
  allowCredentials,
  preflightRedirect,
  preflightStatus,
  invalidAllowMethods,
  methodNotAllowed,
  invalidAllowHeaders,
  headerNotAllowed,
  redirectCredentials,
  missingVaryOrigin,
  wildcardCoversAuthorization,
] as const;

/**
 * The same rules in WebKit's order (Source/WebCore/loader/CrossOriginAccessControl.cpp, WebKit/WebKit):
 * validatePreflightResponse checks the status first (a redirected preflight is one more bad
 * status), then passesAccessControlCheck (`*` with credentials, a comma list, anything else that is
 * not the origin, then ACAC), then CrossOriginPreflightResultCache parses ACAM and ACAH and checks
 * the method, then the headers.
 */
export const webkitRules = [
  preflightRedirect,
  preflightStatus,
  wildcardOrigin,
  multipleAllowOrigin,
  missingAllowOrigin,
  nullAllowOrigin,
  invalidAllowOrigin,
  redirectTaintedOrigin,
  allowOriginMismatch,
  allowCredentials,
  invalidAllowMethods,
  invalidAllowHeaders,
  methodNotAllowed,
  headerNotAllowed,
  redirectCredentials,
  missingVaryOrigin,
  wildcardCoversAuthorization,
] as const;
