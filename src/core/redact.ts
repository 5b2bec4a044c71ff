// What may leave the tool: Cookie/Authorization/Set-Cookie values never (names and presence only),
// request header values only where a rule reads them, response headers whose names say they carry
// a credential masked, URL userinfo removed and credential-looking values masked wherever they sit
// (path, query, fragment, header value, sentence). ONE pass, shared by the panel's exports
// (src/ui/report.ts) and the command line (src/cli), so both redact the same way; what counts as
// a secret is in ./secrets.ts.
import { isList } from './headers';
import { isSafelistedName } from './safelist';
import { isCredentialHeaderName, isSecretHeader, MASK, maskSecretValues, redactText, redactUrl, VALUE_NOT_KEPT } from './secrets';
import type { HeaderLine, RequestRecord } from './types';

export { isCredentialHeaderName, isSecretHeader, MASK, maskHeader, redactText, redactUrl } from './secrets';

/**
 * A response header fit to leave: masked when its name says it carries a credential
 * (`X-Auth-Token`), else with URLs redacted (a Location) and credential-looking values masked.
 */
export function redactResponseHeader(h: HeaderLine): HeaderLine {
  if (isCredentialHeaderName(h.name)) return { name: h.name, value: MASK };
  return { name: h.name, value: maskSecretValues(redactText(String(h.value))) };
}

const responseLines = (hs: readonly HeaderLine[]): HeaderLine[] => (Array.isArray(hs) ? hs.map(redactResponseHeader) : []);

/**
 * Request headers: values kept only for the CORS-safelisted names, the only ones whose value a
 * rule reads (Fetch §2.2.2); an `X-Api-Key` leaves by name alone.
 */
function requestLines(hs: readonly HeaderLine[]): HeaderLine[] {
  if (!isList(hs)) return [];
  return hs.map((h) =>
    isSecretHeader(h.name)
      ? { name: h.name, value: MASK }
      : isSafelistedName(String(h.name).toLowerCase())
        ? { name: h.name, value: maskSecretValues(String(h.value)) }
        : { name: h.name, value: VALUE_NOT_KEPT },
  );
}

export function redactRecord(r: RequestRecord): RequestRecord {
  return {
    ...r,
    requestHeaders: requestLines(r.requestHeaders),
    hops: r.hops.map((h) => ({
      url: redactUrl(h.url),
      ...(h.preflight ? { preflight: { status: h.preflight.status, headers: responseLines(h.preflight.headers) } } : {}),
      ...(h.response ? { response: { status: h.response.status, headers: responseLines(h.response.headers) } } : {}),
    })),
  };
}

/** Every string inside, at any depth, passed through `clean` (sentences quote the URL too). */
function mapStrings<T>(v: T, clean: (s: string) => string): T {
  if (typeof v === 'string') return clean(v) as T;
  if (Array.isArray(v)) return (v as unknown[]).map((x) => mapStrings(x, clean)) as T;
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, clean)])) as T;
  return v;
}

/**
 * Text that may quote the record's URLs, redacted. Each hop's URL is first replaced whole (a path
 * may hold a quote, where a URL found in free text would end), then every URL and every
 * credential-looking value left.
 */
export function textRedactor(record: RequestRecord): (text: string) => string {
  const pairs = (Array.isArray(record?.hops) ? record.hops : []).map((h) => [String(h.url), redactUrl(String(h.url))] as const).filter(([a, b]) => a !== b);
  return (text) => maskSecretValues(redactText(pairs.reduce((t, [a, b]) => t.replaceAll(a, b), text)));
}

/**
 * A finding (or anything that carries its record) fit to leave the tool: the record redacted as
 * above, and every string of the rest (sentences, explanation, fix, hint) through `textRedactor`.
 */
export function redactFinding<T extends { record: RequestRecord }>(f: T): T {
  const clean = textRedactor(f.record);
  // The record is redacted as a record (in its place among the keys), not string by string first.
  const rest = Object.fromEntries(Object.entries(f).map(([k, x]) => [k, k === 'record' ? undefined : mapStrings(x, clean)]));
  return { ...rest, record: redactRecord(f.record) } as T;
}
