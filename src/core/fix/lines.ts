// Header lines for a fix: the complete CORS set for one response, built from what was observed.
// Applied with "set" semantics (replace same-named lines) they make that stage pass in Chromium.
import { isToken, parseTokenList, trimHttpWhitespace, varyCoversOrigin } from '../headers';
import { nameableOrigin } from '../origin';
import { isSafelistedMethod, normalizeMethod } from '../safelist';
import type { StageContext } from '../rule';

/** A value fit for a header line: no CR/LF or other control characters. */
export function lineSafe(value: string): string {
  return value.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
}

/**
 * The origin value a fix may send. Never `*` with credentials and never 'null' with credentials
 * (every sandboxed page on the web is 'null'). Returns '' when no safe value exists.
 */
export function allowedOriginValue(ctx: StageContext): string {
  const origin = nameableOrigin(ctx.origin);
  if (origin === '') return ctx.credentialed ? '' : '*';
  return origin;
}

/** Vary with Origin added to what the response already varies on. */
export function varyLine(existing: string | undefined): string {
  if (existing === undefined || trimHttpWhitespace(existing) === '') return 'Vary: Origin';
  if (varyCoversOrigin(existing)) return `Vary: ${lineSafe(existing)}`;
  return `Vary: ${lineSafe(existing)}, Origin`;
}

/** Methods to list: the valid ones already listed (minus a `*` that credentials make literal) + ours. */
export function methodsToAllow(ctx: StageContext): string[] {
  const listed = parseTokenList(ctx.h.allowMethods);
  // Methods Fetch normalizes (DELETE, GET, HEAD, OPTIONS, POST, PUT) always arrive upper-case, so a
  // lower-case "put" in the list can never match: list it upper-case instead.
  const out = Array.isArray(listed) ? listed.filter((m) => !(ctx.credentialed && m === '*')).map(normalizeMethod) : [];
  const method = lineSafe(ctx.method);
  if (isToken(method) && !out.includes(method)) out.push(method);
  if (out.length === 0) out.push(isSafelistedMethod(method) ? method.toUpperCase() : 'GET');
  return [...new Set(out)];
}

/** Header names to list: the valid ones already listed (minus a literal `*`) + each unsafe name. */
export function headersToAllow(ctx: StageContext, unsafe: readonly string[]): string[] {
  const listed = parseTokenList(ctx.h.allowHeaders);
  const out = Array.isArray(listed) ? listed.filter((n) => !(ctx.credentialed && n === '*')) : [];
  const lower = new Set(out.map((n) => n.toLowerCase()));
  for (const name of unsafe) {
    if (isToken(name) && !lower.has(name)) {
      out.push(name);
      lower.add(name);
    }
  }
  return out;
}

/** The complete CORS set for an actual or redirect response. */
export function responseLines(ctx: StageContext, origin: string): string[] {
  if (origin === '') return [];
  const lines = [`Access-Control-Allow-Origin: ${origin}`];
  if (ctx.credentialed) lines.push('Access-Control-Allow-Credentials: true');
  if (origin !== '*') lines.push(varyLine(ctx.h.vary));
  return lines;
}

/** The complete CORS set for a preflight response. */
export function preflightLines(ctx: StageContext, origin: string, unsafe: readonly string[]): string[] {
  if (origin === '') return [];
  const lines = [`Access-Control-Allow-Origin: ${origin}`];
  if (ctx.credentialed) lines.push('Access-Control-Allow-Credentials: true');
  lines.push(`Access-Control-Allow-Methods: ${methodsToAllow(ctx).join(', ')}`);
  const headers = headersToAllow(ctx, unsafe);
  if (headers.length > 0) lines.push(`Access-Control-Allow-Headers: ${headers.join(', ')}`);
  if (origin !== '*') lines.push(varyLine(ctx.h.vary));
  return lines;
}

/**
 * Headers the stage already sends that the fix lines do not replace but must go: an unparsable
 * Access-Control-Allow-Headers with nothing left to list would otherwise keep failing the preflight.
 */
export function staleHeaders(ctx: StageContext, lines: readonly string[]): string[] {
  if (ctx.stage !== 'preflight' || ctx.h.allowHeaders === undefined) return [];
  return lines.some((l) => l.startsWith('Access-Control-Allow-Headers:')) ? [] : ['Access-Control-Allow-Headers'];
}
