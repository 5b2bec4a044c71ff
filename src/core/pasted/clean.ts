// A pasted console text, made plain: console decoration off, lines joined. What people paste is
// whatever their console printed: DevTools' "Uncaught (in promise)" or a "file.js:12" source link,
// WebKit's "CONSOLE SECURITY ERROR" (MiniBrowser's stderr), Safari's "[Error]", and sentences a
// terminal or a chat client broke across lines. Text copied from a web page's source or an issue's
// HTML keeps its formatting tags (<strong>, <code>, <br>) and entities (&#39;): they go too.

/** Longer pastes are cut: a console error is a few hundred characters, a URL at most a few KB. */
export const MAX_PASTE = 131_072;

// One decoration at the start of a line; removed repeatedly ("[Error] Uncaught (in promise) …").
const DECORATION = new RegExp(
  [
    String.raw`CONSOLE (?:SECURITY|JS|NETWORK|CONSOLE) (?:ERROR|WARNING|LOG)\b:?`, // WebKitGTK's console to stderr
    String.raw`\[(?:Error|Warning|Log|Info|Debug)\]`, // Safari's Web Inspector copy
    String.raw`Uncaught(?: \(in promise\))?(?: (?:Type|Network)?Error:)?`, // DevTools' uncaught errors
    String.raw`(?:Type|Network)Error:`,
    String.raw`(?:⛔|❌|✖|×|!)`, // console icons copied along
    String.raw`\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?`, // a timestamp
    String.raw`(?:[\w.-]+:)?[\w@./%~+-]*\.(?:m?js|html?|tsx?|jsx|vue|svelte)(?:\?\S*)?(?::\d+){1,2}`, // app.js:12:5
  ].join('|'),
  'y',
);

/**
 * The text without decoration and empty lines. Line breaks stay: the patterns take one wherever a
 * sentence has a space, and a value that ends a sentence ends with its line. Other control characters stay: a
 * header value may hold one (Firefox prints a bare CR of the value as it is), and it decides the
 * rule; whoever shows the text escapes them.
 */
export function cleanPaste(text: string): string {
  const lines = unformat(String(text).slice(0, MAX_PASTE)).split(/\r?\n/);
  return lines
    .map(undecorate)
    .filter((l) => l !== '')
    .join('\n');
}

function undecorate(line: string): string {
  let s = line.trim();
  for (let i = 0; i < 8; i++) {
    DECORATION.lastIndex = 0;
    const m = DECORATION.exec(s);
    if (m === null || m[0] === '') break;
    s = s.slice(m[0].length).trimStart();
  }
  return s;
}

// Only the tags that format text: anything else (<script>, <img …>) may be a header value's own
// characters and stays, to be shown as text.
const FORMAT_TAG = /<\/?(?:strong|b|em|i|u|s|code|pre|kbd|samp|tt|mark|span|p|div|blockquote|a|br|wbr|font)(?:\s[^<>]{0,200})?\/?>/gi;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
};

/** Formatting tags off (a <br> is a line break), then the usual entities decoded, in one pass. */
function unformat(text: string): string {
  if (!/[<&]/.test(text)) return text;
  const untagged = text.replace(FORMAT_TAG, (tag) => (/^<br\b/i.test(tag) ? '\n' : ''));
  return untagged.replace(
    /&(?:#(\d{1,6})|#x([0-9a-f]{1,6})|([a-z]{2,6}));/gi,
    (all, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return ENTITIES[name.toLowerCase()] ?? all;
      const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
      return code > 0x1f && code < 0x110000 && !(code >= 0xd800 && code < 0xe000) ? String.fromCodePoint(code) : all;
    },
  );
}
