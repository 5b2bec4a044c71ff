// The sentinels a sentence template holds where a browser prints a value; sentences.ts turns
// each into a capture group. Plain constants, shared by sentences.ts and eras.ts.

/**
 * What a sentence can say: URLs, the page's origin, the header value (or method, header name),
 * the status, where a redirect led; 'skip': a value read past and not used.
 */
export type Slot = 'url' | 'first' | 'origin' | 'value' | 'status' | 'target' | 'skip';

export const S: Record<Slot, string> = {
  url: '\u0001U\u0001',
  first: '\u0001F\u0001',
  origin: '\u0001O\u0001',
  value: '\u0001V\u0001',
  status: '\u0001S\u0001',
  target: '\u0001T\u0001',
  skip: '\u0001X\u0001',
};

export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
