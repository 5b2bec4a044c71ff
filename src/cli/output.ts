// The one place where the command line's output is made safe, whatever the path: terminal or piped
// text, --json, the JUnit report and the one-line errors on stderr. Header values, URLs, HAR
// strings and pasted console text are hostile: a C0/C1 control (ESC and CSI included) could move
// the cursor, clear the screen or set the window title; a bidi override or isolate could reorder
// what is read (Trojan Source, https://trojansource.codes); U+2028/U+2029 and NEL end a line in
// some viewers. Text shows each as a visible marker (⟨U+202E⟩); JSON escapes it (\u202e), so a
// parser still reads the original value and a viewer never acts on it.
import { maskSecretValues, redactText } from '../core/secrets';

// C0 controls but newline and tab (explanations are paragraphs), DEL and C1, the Arabic letter
// mark, zero-width characters and LRM/RLM, the line and paragraph separators, the bidi
// embeddings/overrides/isolates, word joiner and invisible operators, the BOM, and lone surrogates.
const UNSAFE_TEXT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// The same set for JSON, less what JSON.stringify already escapes (C0, lone surrogates).
const UNSAFE_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const hex = (c: string): string => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** Untrusted text made harmless for a terminal or a log: every unsafe character as ⟨U+XXXX⟩. */
export function safe(text: string): string {
  return String(text).replace(UNSAFE_TEXT, (c) => `⟨U+${hex(c)}⟩`);
}

/** The colour codes `paint` (style.ts) writes: the only escape sequences allowed through. */
const OUR_SGR = /\x1b\[(?:1|2|22|31|32|33|36|39)m/g;

/**
 * A whole text output, ready to write. With colour on, the SGR sequences `paint` emits are kept and
 * everything else unsafe is escaped; with colour off, nothing passes. Renderers still pass network
 * values through `safe` as they build lines, so a value holding a forged colour code arrives here
 * already escaped: this pass is the guarantee that no path writes a raw control.
 */
export function terminalText(text: string, color: boolean): string {
  if (!color) return safe(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(OUR_SGR)) {
    out += safe(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + safe(text.slice(last));
}

/** JSON for --json: two-space indent, a final newline, and every unsafe character escaped. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(UNSAFE_JSON, (c) => `\\u${hex(c).toLowerCase()}`)}\n`;
}

/**
 * `jsonText({ ...head, [key]: items })` in pieces, the same characters: each distinct item (the
 * same object again) serialized once, and never one string of the whole output. A large HAR's
 * report runs to tens of megabytes, mostly the same reports again.
 */
export function* jsonPieces(head: Record<string, unknown>, key: string, items: readonly object[]): Generator<string> {
  const empty = jsonText({ ...head, [key]: [] });
  const end = '[]\n}\n'; // how `key`, last, ends an empty report
  if (items.length === 0 || !empty.endsWith(end)) {
    yield jsonText({ ...head, [key]: items });
    return;
  }
  yield `${empty.slice(0, -end.length)}[\n`;
  const done = new Map<object, string>();
  for (const [i, item] of items.entries()) {
    let text = done.get(item);
    // One level deeper than jsonText writes it: every line four more spaces in (inside strings, a
    // newline is always escaped).
    if (text === undefined) done.set(item, (text = `    ${jsonText(item).slice(0, -1).replaceAll('\n', '\n    ')}`));
    yield i === 0 ? text : `,\n${text}`;
  }
  yield '\n  ]\n}\n';
}

/**
 * Text for an XML attribute or element (the JUnit report). XML 1.0 cannot carry most C0 controls
 * even as character references (XML 1.0 §2.2 Char), so the visible markers of `safe` stand in.
 */
export function xmlText(text: string): string {
  return safe(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** What the command writes to: process.stdout/stderr, or a test's collector. */
export interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Pieces of output written in blocks of about 64 KB: few writes, and no one string of it all. */
export function writePieces(out: Sink, pieces: Iterable<string>): void {
  let block = '';
  for (const piece of pieces) {
    block += piece;
    if (block.length >= 65536) {
      out.write(block);
      block = '';
    }
  }
  if (block !== '') out.write(block);
}

/**
 * One line on stderr: `cors-inspector: …`, never more than one line, never a raw control, and
 * redacted like every other output (a URL or a redirect's Location may quote a token).
 */
export function errorLine(err: Sink, message: string): void {
  err.write(`cors-inspector: ${safe(maskSecretValues(redactText(message.replace(/\s*\n\s*/g, ' '))))}\n`);
}

/**
 * Progress on stderr once work has taken a second, then at most a line a second: a large HAR
 * should not look like a hang. Quiet work stays quiet (nothing under a second).
 */
export function progressLine(err: Sink, now: () => number = Date.now): (what: string) => void {
  const start = now();
  let last = start;
  return (what) => {
    const t = now();
    if (t - start < 1000 || t - last < 1000) return;
    last = t;
    err.write(`cors-inspector: ${safe(what)}\n`);
  };
}

/**
 * A reader that closes the pipe early (`| head`) makes the next write fail with EPIPE, emitted as
 * an 'error' event that would otherwise crash Node with a stack trace and exit status 1. The
 * command ends quietly instead, with the status it would have had (process.exitCode, set before
 * the output is written).
 */
export function quietOnBrokenPipe(stream: NodeJS.WriteStream, onBroken: () => void): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') onBroken();
    else throw err;
  });
}
