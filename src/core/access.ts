// Chromium's CheckAccess (services/network/public/cpp/cors/cors.cc), split so each branch can be
// one rule. The branches are tried in this order; the first that fails is the error:
//   1. ACAO == "*":   credentials 'include' → WildcardOriginNotAllowed; otherwise pass.
//   2. ACAO absent    → MissingAllowOriginHeader.
//   3. ACAO != origin (byte compare, no URL parsing):
//      a. contains ' ' or ','  → MultipleAllowOriginValues
//      b. == "null"            → AllowOriginMismatch (hint null)
//      c. GURL invalid         → InvalidAllowOriginValue
//      d. otherwise            → AllowOriginMismatch
//   4. credentials 'include' and ACAC != "true" (case-sensitive) → InvalidAllowCredentials.
import { isValidUrl } from './origin';
import type { StageContext } from './rule';

/** The ACAO value when it is present, not `*` and not byte-equal to the origin (branch 3). */
export function acaoMismatch(ctx: StageContext): string | undefined {
  const v = ctx.h.allowOrigin;
  if (v === undefined || v === '*' || v === ctx.origin) return undefined;
  return v;
}

export function hasListSeparator(v: string): boolean {
  return v.includes(' ') || v.includes(',');
}

/** Branch 3d: a well-formed single origin that is simply not ours. */
export function plainMismatch(ctx: StageContext): string | undefined {
  const v = acaoMismatch(ctx);
  if (v === undefined || hasListSeparator(v) || v === 'null' || !isValidUrl(v)) return undefined;
  return v;
}

/** Did ACAO pass (branches 1-3)? ACAC is judged only then. */
export function originPasses(ctx: StageContext): boolean {
  const v = ctx.h.allowOrigin;
  if (v === undefined) return false;
  if (v === '*') return !ctx.credentialed;
  return v === ctx.origin;
}

/** HTTP redirect statuses net::HttpResponseHeaders::IsRedirect follows (with a Location). */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
