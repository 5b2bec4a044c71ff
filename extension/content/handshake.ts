// What the page hook and the bridge share: the handshake, and how a batch of hints is written.
// The one name the page hook and the bridge share in code. It is listened to only while both start
// (document_start, before any page script runs); every hint then travels under a random event name
// made for this document, which a page cannot guess.
export const HANDSHAKE = 'cors-inspector-handshake';
/** A second copy of the page hook asks this on HANDSHAKE: is a hook already in this document? (page-hook.iife.ts) */
export const HOOKED = 'hooked?';

/** A per-document event name: a random UUID with a prefix of letters (event names are free text). */
export const isKey = (v: unknown): v is string => typeof v === 'string' && /^k[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v);

/** Reads the hook's batch string: per field, its length, ':', the field (six fields a hint). */
export function decodeHints(detail: string): string[][] {
  const out: string[][] = [];
  let at = 0;
  let fields: string[] = [];
  while (at < detail.length) {
    const colon = detail.indexOf(':', at);
    const len = Number(detail.slice(at, colon));
    if (colon < 0 || colon - at > 7 || !Number.isInteger(len) || len < 0 || colon + 1 + len > detail.length) break;
    fields.push(detail.slice(colon + 1, colon + 1 + len));
    at = colon + 1 + len;
    if (fields.length === 6) {
      out.push(fields);
      fields = [];
    }
  }
  return out;
}
