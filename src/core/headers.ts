// Header reading the way Chromium's network stack does it, so that what we compare is byte-for-byte
// what Chromium compared.
import type { HeaderLine } from './types';
import { isToken, isTokenChar } from './token';

/**
 * HTTP whitespace as net::HttpUtil::TrimLWS sees it (space and tab). Chromium's header parser
 * drops leading/trailing LWS of each line, so `' *  '` is `*` (WPT cors/origin.htm).
 */
export function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isLws(value.charCodeAt(start))) start++;
  while (end > start && isLws(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function isLws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Header lines we can trust to be {name: string, value: string}; anything else is skipped. */
export function lineName(line: unknown): string | undefined {
  if (typeof line !== 'object' || line === null) return undefined;
  const name = (line as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** A header value from untrusted data as text: numbers and booleans spelled out, anything else empty. */
function textOf(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  return typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint' ? String(raw) : '';
}

/**
 * Array.isArray narrows a typed list to `any[]`; this keeps the element type for lists that may arrive
 * as something else at run time (hostile records, a browser that leaves a field out).
 */
export const isList = <T>(v: readonly T[] | null | undefined): v is readonly T[] => Array.isArray(v);

export function lineValue(line: unknown): string {
  const raw = (line as { value?: unknown }).value;
  const value = textOf(raw);
  return value.includes('\n') || value.includes('\r') ? unfold(value) : value;
}

/**
 * A value carrying raw line breaks, read the way Chromium's HTTP parser reads the bytes
 * (net::HttpUtil::AssembleRawHeaders): CR, LF and CRLF end the line; a next line starting with
 * space or tab continues the value, joined by one space (obs-fold); any other next line is not
 * part of this header. Chromium 156 on this machine (lab edge-probe-lf / -cr): "a\n x" is read
 * as "a x", and "origin\rx" as "origin". Records from webRequest never carry line breaks.
 */
function unfold(value: string): string {
  const parts = value.split(/\r\n|\r|\n/);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === '' || !isLws(part.charCodeAt(0))) break;
    out = `${trimHttpWhitespace(out)} ${trimHttpWhitespace(part)}`;
  }
  return out;
}

/**
 * Chromium's "get": net::HttpResponseHeaders::GetNormalizedHeader joins every line of that name
 * (case-insensitive) with ", " in order, each line trimmed of LWS; undefined when no line has it.
 * Fetch §2.2.2 "get" says the same. So two ACAO lines become "a, b".
 */
export function getHeader(lines: readonly HeaderLine[] | undefined, lowerName: string): string | undefined {
  if (!Array.isArray(lines)) return undefined;
  let out: string | undefined;
  for (const line of lines) {
    const name = lineName(line);
    if (name === undefined || name.length !== lowerName.length || name.toLowerCase() !== lowerName) continue;
    const value = trimHttpWhitespace(lineValue(line));
    out = out === undefined ? value : `${out}, ${value}`;
  }
  return out;
}

/** How many lines carry that header name (case-insensitive). */
export function countHeader(lines: readonly HeaderLine[] | undefined, lowerName: string): number {
  if (!Array.isArray(lines)) return 0;
  let n = 0;
  for (const line of lines) {
    const name = lineName(line);
    if (name !== undefined && name.length === lowerName.length && name.toLowerCase() === lowerName) n++;
  }
  return n;
}

/** The CORS response headers the rules read, gathered in one pass over the lines. */
export interface CorsHeaders {
  allowOrigin?: string;
  allowCredentials?: string;
  allowMethods?: string;
  allowHeaders?: string;
  vary?: string;
  location?: string;
  contentType?: string;
  /** Number of Access-Control-Allow-Origin lines (two layers adding it is a common cause). */
  allowOriginLines: number;
}

/** ASCII case-insensitive equality against an already lower-case name, without allocating. */
function eqLower(name: string, lower: string): boolean {
  if (name === lower) return true;
  for (let i = 0; i < lower.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

const AO = 'access-control-allow-origin';
const AC = 'access-control-allow-credentials';
const AM = 'access-control-allow-methods';
const AH = 'access-control-allow-headers';

function join(prev: string | undefined, line: unknown, firefox = false): string {
  const value = trimHttpWhitespace(firefox ? firefoxLineValue(line) : lineValue(line));
  return prev === undefined ? value : `${prev}, ${value}`;
}

/**
 * A value with raw line breaks, read the way Firefox ESR 153 read the lab's bytes: an obs-fold
 * (CRLF or LF, then space or tab) is one space, like Chromium, but a bare CR stays in the value
 * (lab edge-acao-bare-cr: "does not match ‘http://…\rjunk’"), where Chromium ends the value.
 */
function firefoxLineValue(line: unknown): string {
  const raw = (line as { value?: unknown }).value;
  const value = textOf(raw);
  return value.includes('\n') ? value.replace(/[ \t]*\r?\n[ \t]+/g, ' ') : value;
}

/** The CORS headers, each line read Chromium's way, or Firefox's way (`firefox`). */
export function readCorsHeaders(lines: readonly HeaderLine[] | undefined, firefox = false): CorsHeaders {
  const out: CorsHeaders = {
    allowOrigin: undefined,
    allowCredentials: undefined,
    allowMethods: undefined,
    allowHeaders: undefined,
    vary: undefined,
    location: undefined,
    contentType: undefined,
    allowOriginLines: 0,
  };
  if (!Array.isArray(lines)) return out;
  for (const line of lines) {
    const name = lineName(line);
    if (name === undefined) continue;
    // Dispatch on length first: most lines (Date, Server, ETag, …) are skipped without a compare.
    switch (name.length) {
      case 4:
        if (eqLower(name, 'vary')) out.vary = join(out.vary, line, firefox);
        break;
      case 8:
        if (eqLower(name, 'location')) out.location = join(out.location, line, firefox);
        break;
      case 12:
        if (eqLower(name, 'content-type')) out.contentType = join(out.contentType, line, firefox);
        break;
      case 27:
        if (eqLower(name, AO)) {
          out.allowOrigin = join(out.allowOrigin, line, firefox);
          out.allowOriginLines++;
        }
        break;
      case 28:
        if (eqLower(name, AM)) out.allowMethods = join(out.allowMethods, line, firefox);
        else if (eqLower(name, AH)) out.allowHeaders = join(out.allowHeaders, line, firefox);
        break;
      case 32:
        if (eqLower(name, AC)) out.allowCredentials = join(out.allowCredentials, line, firefox);
        break;
    }
  }
  return out;
}

export { isToken, isTokenChar } from './token';

/**
 * Chromium's PreflightResult::Parse for Access-Control-Allow-Methods / -Headers: split on ',',
 * trim LWS, skip empty items; every item must be a token or the whole header is refused.
 * Returns the items, or `{ bad }` with the first item that is not a token.
 */
export function parseTokenList(value: string | undefined): string[] | { bad: string } {
  if (value === undefined || value === '') return [];
  const items: string[] = [];
  for (const raw of value.split(',')) {
    const item = trimHttpWhitespace(raw);
    if (item === '') continue;
    if (!isToken(item)) return { bad: item };
    items.push(item);
  }
  return items;
}

/** Calls visit(start, end) with each comma-separated item's LWS-trimmed bounds until it returns true. */
function someItem(value: string, visit: (start: number, end: number) => boolean): boolean {
  const n = value.length;
  for (let i = 0; i <= n;) {
    let j = value.indexOf(',', i);
    if (j < 0) j = n;
    let a = i;
    let b = j;
    while (a < b && isLws(value.charCodeAt(a))) a++;
    while (b > a && isLws(value.charCodeAt(b - 1))) b--;
    if (visit(a, b)) return true;
    i = j + 1;
  }
  return false;
}

/**
 * The first comma-separated item of `value` that is not a token ('' items are skipped), or
 * undefined when the whole list parses — parseTokenList's verdict without allocating.
 */
export function firstNonToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let bad: string | undefined;
  someItem(value, (a, b) => {
    for (let k = a; k < b; k++) {
      if (!isTokenChar(value.charCodeAt(k))) {
        bad = value.slice(a, b);
        return true;
      }
    }
    return false;
  });
  return bad;
}

/**
 * Does the comma-separated list hold `item`? Exact (methods: case-sensitive) or, with `item`
 * already lower-case and ignoreCase, ASCII case-insensitive (header names).
 */
export function listHas(value: string | undefined, item: string, ignoreCase: boolean): boolean {
  if (value === undefined) return false;
  return someItem(value, (a, b) => b - a === item.length && (ignoreCase ? eqLowerAt(value, a, item) : value.startsWith(item, a)));
}

function eqLowerAt(value: string, at: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = value.charCodeAt(at + i);
    if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Vary lists Origin (or `*`, which covers everything). Case-insensitive, comma-separated. */
export function varyCoversOrigin(vary: string | undefined): boolean {
  return vary !== undefined && VARY_ORIGIN.test(vary);
}
const VARY_ORIGIN = /(?:^|,)[ \t]*(?:origin|\*)[ \t]*(?:,|$)/i;
