// Every citation in a comment or a doc is something a reader of this repository can open: the Fetch
// standard, a browser's source file or bug, MDN, or a file in this repository. Notes kept outside
// the repository and this project's own tracker numbers are not: a reader cannot follow them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** Generated output, installed packages and recordings (data, not prose). */
const SKIP = new Set(['node_modules', 'dist', 'dist-firefox', 'dist-cli', 'dist-prof', 'release', 'fixtures', 'artifacts', '.git']);
const TEXT = /\.(ts|tsx|js|mjs|cjs|md|html|css|json)$/;

/** What a reader cannot open, each with the reason the test gives. */
export const UNOPENABLE: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /\bSTYLE\.md\b/, why: 'a style guide kept outside the repository' },
  { pattern: /(^|[^\w/.:-])research\//, why: 'research notes kept outside the repository' },
  { pattern: /\bresearch( notes)? ?(§|:)/i, why: 'a section of research notes kept outside the repository' },
  { pattern: /(^|[^\w/.:-])(\.\.\/)*shared\//, why: 'a folder outside the repository' },
  { pattern: /\b[Ii]ssues? #?\d+\b/, why: "this project's tracker number" },
  // `#123` alone; `owner/repo#123` names a public tracker and stays (the digits-only colours of CSS are skipped).
  { pattern: /(^|[\s(,;])#\d+\b(?![0-9a-fA-F])/, why: 'a tracker number without the tracker' },
];

function* textFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(path);
    else if (TEXT.test(entry.name) && entry.name !== 'package-lock.json') yield path;
  }
}

/** `file:line: text` for each line that cites what a reader cannot open. */
export function unopenable(file: string, text: string): string[] {
  const css = file.endsWith('.css');
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { pattern, why } of UNOPENABLE) {
      if (css && pattern.source.includes('#')) continue;
      if (pattern.test(line)) hits.push(`${file}:${i + 1}: ${why}: ${line.trim().slice(0, 120)}`);
    }
  });
  return hits;
}

describe('citations a reader can open', () => {
  it('no comment or doc cites a file outside the repository or a tracker number', () => {
    // This file is skipped: its second test quotes the very citations it forbids.
    const files = [...textFiles(ROOT)].filter((path) => path !== import.meta.filename);
    const hits = files.flatMap((path) => unopenable(relative(ROOT, path), readFileSync(path, 'utf8')));
    expect(files.length).toBeGreaterThan(200);
    expect(hits).toEqual([]);
  });

  it('catches each kind, and leaves alone what a reader can open', () => {
    // Put together from parts, so that this file holds no such citation itself.
    const flagged = [
      ['// (STYLE', '.md P8: dirty set)'],
      ['// gets onSendHeaders (research', '/platform.md §1.4).'],
      ['Our research (`shared/research', '/*.md`) was written'],
      ['// see ../shared', '/notes.md'],
      ['// A burst of findings (issue', ' 9)'],
      ['// Issue', ' 13: asking for the origin'],
      ['// fixed in #', '12'],
      ['// net::ERR_FAILED (research', ' §1.4)'],
      ['// never a block (research', ': it ends in onCompleted)'],
    ].map((parts) => parts.join(''));
    for (const line of flagged) expect(unopenable('x.ts', line), line).toHaveLength(1);
    const fine = [
      '// mozilla/webextension-polyfill#721',
      "// Fetch standard, 'CORS check' (https://fetch.spec.whatwg.org/#cors-check)",
      "const DEVTOOLS = 'resource://devtools/shared/loader/Loader.sys.mjs';",
      '// services/network/public/cpp/cors/cors.cc',
      "color: '#188038'",
    ];
    for (const line of fine) expect(unopenable('x.ts', line), line).toEqual([]);
    expect(unopenable('panel.css', '  --bg: #282828;')).toEqual([]);
  });
});
