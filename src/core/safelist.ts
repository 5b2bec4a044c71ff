// Which methods and request headers need a preflight, and which header names the preflight must
// allow. Fetch §2.2.2 (CORS-safelisted request-header), §2.2.1 (methods), and Chromium's
// services/network/public/cpp/cors/cors.cc (IsCorsSafelistedHeader,
// CorsUnsafeNotForbiddenRequestHeaderNames), which adds a few client-hint names to the spec's list.
import { lineName, lineValue } from './headers';
import type { HeaderLine, RequestRecord } from './types';

/** Fetch "normalize a method": only these six are upper-cased; `patch` stays `patch`. */
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

export function normalizeMethod(method: unknown): string {
  if (typeof method !== 'string') return 'GET';
  const upper = method.toUpperCase();
  return NORMALIZED.has(upper) ? upper : method;
}

/** GET, HEAD, POST — compared upper-cased, as Chromium's IsCorsSafelistedMethod does. */
export function isSafelistedMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'HEAD' || upper === 'POST';
}

/**
 * Forbidden request-header names (Fetch §2.2.2) never count as CORS-unsafe: the page cannot set
 * them, and a collector that sees the browser's own headers must not mistake them for the page's.
 * Chromium's net::HttpUtil::IsSafeHeader also refuses user-agent; we skip it for the same reason
 * (the browser always sends one).
 */
const FORBIDDEN = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'access-control-request-private-network',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'via',
]);

export function isForbiddenHeaderName(lower: string): boolean {
  return FORBIDDEN.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-');
}

/** Chromium's safelisted names: the spec's five plus its client-hint extras (cors.cc). */
const SAFELISTED = new Set([
  'accept',
  'accept-language',
  'content-language',
  'content-type',
  'range',
  'intervention',
  'save-data',
  'device-memory',
  'dpr',
  'width',
  'viewport-width',
  'rtt',
  'downlink',
  'ect',
]);

const SAFE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** CORS-unsafe request-header byte (Fetch §2.2.2). */
function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
    switch (c) {
      case 0x22: // "
      case 0x28: // (
      case 0x29: // )
      case 0x3a: // :
      case 0x3c: // <
      case 0x3e: // >
      case 0x3f: // ?
      case 0x40: // @
      case 0x5b: // [
      case 0x5c: // \
      case 0x5d: // ]
      case 0x7b: // {
      case 0x7d: // }
        return true;
    }
  }
  return false;
}

/** Is this lower-case name one of the CORS-safelisted request-header names (whatever its value)? */
export function isSafelistedName(lower: string): boolean {
  return SAFELISTED.has(lower);
}

/** Is this (lower-case name, value) a CORS-safelisted request header? */
export function isSafelistedHeader(lower: string, value: string): boolean {
  if (!SAFELISTED.has(lower)) return false;
  if (value.length > 128) return false;
  switch (lower) {
    case 'accept':
      return !hasUnsafeByte(value);
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
    case 'content-type': {
      if (hasUnsafeByte(value)) return false;
      const essence = value.split(';', 1)[0]!.trim().toLowerCase();
      return SAFE_CONTENT_TYPES.has(essence);
    }
    case 'range':
      return /^bytes=\d+-(\d+)?$/.test(value) && rangeInOrder(value);
    default:
      return true;
  }
}

function rangeInOrder(value: string): boolean {
  const [start, end] = value.slice(6).split('-');
  return end === '' || end === undefined || Number(start) <= Number(end);
}

/**
 * CORS-unsafe request-header names (Fetch §2.2.2): lower-case, de-duplicated, sorted; the names of
 * safelisted headers join them when their values add up to more than 1024 bytes. Forbidden names
 * never appear. This is the list a preflight's Access-Control-Request-Headers carries.
 */
export function corsUnsafeHeaderNames(headers: readonly HeaderLine[] | undefined): string[] {
  return unsafeHeaderNamesInOrder(headers).sort();
}

/** The same names in the order the headers appear in `headers` (see header-not-allowed.ts). */
export function unsafeHeaderNamesInOrder(headers: readonly HeaderLine[] | undefined): string[] {
  if (!Array.isArray(headers) || headers.length === 0) return [];
  const names: string[] = [];
  const safelisted = new Set<string>();
  let safelistedBytes = 0;
  for (const line of headers) {
    const name = lineName(line);
    if (name === undefined || name === '') continue;
    const lower = name.toLowerCase();
    if (isForbiddenHeaderName(lower)) continue;
    const value = lineValue(line);
    if (isSafelistedHeader(lower, value)) {
      safelisted.add(lower);
      safelistedBytes += value.length;
    }
    if (!names.includes(lower)) names.push(lower);
  }
  const over = safelistedBytes > 1024;
  return names.filter((n) => over || !safelisted.has(n) || isUnsafeSomewhere(headers, n));
}

/** A name is unsafe if any of its lines is not safelisted (two Content-Type lines, one JSON). */
function isUnsafeSomewhere(headers: readonly HeaderLine[], lower: string): boolean {
  for (const line of headers) {
    const name = lineName(line);
    if (name !== undefined && name.toLowerCase() === lower && !isSafelistedHeader(lower, lineValue(line))) return true;
  }
  return false;
}

/** Fetch §4.1 main fetch: a preflight is needed for a non-safelisted method or any unsafe header. */
export function needsPreflight(record: Pick<RequestRecord, 'method' | 'requestHeaders'>): boolean {
  return !isSafelistedMethod(normalizeMethod(record.method)) || corsUnsafeHeaderNames(record.requestHeaders).length > 0;
}
