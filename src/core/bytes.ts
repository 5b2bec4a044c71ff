// Header values arrive as bytes. Node (the lab) reads them as latin-1, one char per byte;
// chrome.webRequest gives `value` decoded as UTF-8 when the bytes are valid UTF-8 and otherwise
// `binaryValue`, the bytes. The validator reads one convention: UTF-8 decoded text, and for a
// value that is not valid UTF-8, ASCII kept and each byte ≥ 0x80 as U+DC80–U+DCFF (PEP 383
// "surrogateescape"). No byte is lost, so encodeHint prints what Chromium prints (\u00E9 for a
// lone latin-1 byte, \u00C3\u00A9 for UTF-8 "é"), and a lone surrogate makes the URL parser
// reject the value, as GURL rejects invalid UTF-8 (both probed in Chromium 156: lab edge-acao-*).

/** Bytes given one char per byte (latin-1) → the validator's text. */
export function headerText(latin1: string): string {
  for (let i = 0; i < latin1.length; i++) if (latin1.charCodeAt(i) > 0x7f) return decode(latin1);
  return latin1;
}

/** webRequest's binaryValue → the validator's text. */
export function bytesText(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]! & 0xff);
  return headerText(s);
}

/** U+DC80–U+DCFF: a byte that was not part of valid UTF-8. */
export function escapedByte(codePoint: number): number | undefined {
  return codePoint >= 0xdc80 && codePoint <= 0xdcff ? codePoint - 0xdc00 : undefined;
}

function decode(latin1: string): string {
  let pct = '';
  for (let i = 0; i < latin1.length; i++) pct += `%${latin1.charCodeAt(i).toString(16).padStart(2, '0')}`;
  try {
    // decodeURIComponent is a strict UTF-8 decoder: overlongs, surrogates and truncation throw.
    return decodeURIComponent(pct);
  } catch {
    let out = '';
    for (let i = 0; i < latin1.length; i++) {
      const c = latin1.charCodeAt(i);
      out += c > 0x7f ? String.fromCharCode(0xdc00 + c) : latin1[i];
    }
    return out;
  }
}
