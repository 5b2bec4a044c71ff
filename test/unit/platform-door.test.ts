// The platform layer holds (INTERNALS.md): under extension/ only platform.ts touches the
// `chrome` / `browser` globals or imports webextension-polyfill (and platform-content.ts, the
// content scripts' door, the native globals), and src/ui touches neither nor
// imports anything from extension/ (imports point extension/ -> src/ui -> src/core). Read from the
// syntax tree (Vite's parseAst), so comments, strings and types such as `chrome.runtime.Port` do not count.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const GLOBALS = new Set(['chrome', 'browser']);
const HOLDERS = new Set(['globalThis', 'window', 'self']);
const POLYFILL = 'webextension-polyfill';
// Nodes that carry a value inside a type-level wrapper; every other TS* node is types only.
const VALUE_TS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
  'TSEnumDeclaration',
  'TSEnumMember',
  'TSExportAssignment',
  'TSParameterProperty',
]);

/** Files allowed to call the extension API directly, and why. Each must still need it (checked below). */
const EXCEPTIONS: Record<string, string> = {
  'extension/platform.ts': 'the one door: the only importer of webextension-polyfill',
  'extension/platform-content.ts': "the content scripts' door: the native namespace, without the polyfill's bytes in every frame",
};

type Node = { type: string; start: number; [k: string]: unknown };

/** One source text's direct uses of the extension API (`chrome.x`, `globalThis.browser`, a value
 *  import of the polyfill), and every module it imports. */
function scan(source: string, file: string): { uses: string[]; imports: string[] } {
  const found: string[] = [];
  const imports: string[] = [];
  const line = (at: number) => source.slice(0, at).split('\n').length;
  const visit = (node: unknown, parent: Node | undefined, key: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, parent, key));
    if (typeof node !== 'object' || node === null || typeof (node as Node).type !== 'string') return;
    const n = node as Node;
    if (n.type.startsWith('TS') && !VALUE_TS.has(n.type)) return;
    const source_ = (n.source as { value?: unknown } | null | undefined)?.value;
    if (typeof source_ === 'string') imports.push(source_);
    if ((n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && source_ === POLYFILL) {
      if (n.importKind !== 'type' && n.exportKind !== 'type') found.push(`${line(n.start)}: imports ${POLYFILL}`);
    }
    if (n.type === 'ImportExpression' && source_ === POLYFILL) found.push(`${line(n.start)}: imports ${POLYFILL}`);
    if (n.type === 'Identifier' && GLOBALS.has(n.name as string)) {
      const isPropertyName =
        (parent?.type === 'MemberExpression' && key === 'property' && !parent.computed) || (parent?.type === 'Property' && key === 'key' && !parent.computed);
      if (!isPropertyName) found.push(`${line(n.start)}: ${n.name as string}`);
    }
    if (n.type === 'MemberExpression') {
      const object = n.object as Node;
      const property = n.property as Node;
      const name = n.computed ? property.value : property.name;
      if (object.type === 'Identifier' && HOLDERS.has(object.name as string) && GLOBALS.has(name as string))
        found.push(`${line(n.start)}: ${object.name as string}.${name as string}`);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'type') visit(v, n, k);
  };
  visit(parseAst(source, { lang: file.endsWith('x') ? 'tsx' : 'ts' }, file).body, undefined, 'body');
  return { uses: found, imports };
}
const extensionApiUses = (source: string, file: string) => scan(source, file).uses;

function sources(dir: string): string[] {
  return readdirSync(resolve(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => `${dir}/${f}`)
    .sort();
}

const scanFile = (file: string) => scan(readFileSync(resolve(ROOT, file), 'utf8'), file);
const usesIn = (file: string) => scanFile(file).uses;

describe('the platform door', () => {
  it('sees calls, global lookups and value imports, but not comments, strings, types or type imports', () => {
    const bad = [
      "chrome.runtime.sendMessage({ type: 'cors/clear', tabId: 1 });",
      'const port = browser.runtime.connect();',
      "const api = globalThis.chrome ?? globalThis['browser'];",
      "import browser from 'webextension-polyfill';",
      "const p = import('webextension-polyfill');",
      'const { storage } = chrome;',
    ];
    for (const src of bad) expect(extensionApiUses(src, 'x.ts'), src).not.toEqual([]);
    const fine = [
      '// chrome.runtime.sendMessage is not called here',
      "const s = 'chrome.runtime';",
      'let p: chrome.runtime.Port | undefined;',
      "import type { Runtime } from 'webextension-polyfill';",
      'const o = { chrome: 1 }; o.chrome; ua.browser;',
      'const t = x as typeof chrome.devtools;',
    ];
    for (const src of fine) expect(extensionApiUses(src, 'x.ts'), src).toEqual([]);
  });

  it('no file under extension/ calls the extension API except through platform.ts', () => {
    const files = sources('extension');
    expect(files).toContain('extension/panel/main.tsx');
    const offenders = Object.fromEntries(files.filter((f) => !(f in EXCEPTIONS)).flatMap((f) => (usesIn(f).length > 0 ? [[f, usesIn(f)]] : [])));
    expect(offenders).toEqual({});
  });

  it('every listed exception still needs to be one (drop it from the list once it goes through platform.ts)', () => {
    for (const file of Object.keys(EXCEPTIONS)) expect(usesIn(file), file).not.toEqual([]);
  });

  it('src/ui calls no extension API and imports nothing from extension/', () => {
    const files = sources('src/ui');
    expect(files).toContain('src/ui/Panel.tsx');
    const extension = resolve(ROOT, 'extension');
    const offenders: Record<string, string[]> = {};
    for (const file of files) {
      const { uses: direct, imports } = scanFile(file);
      const upward = imports.filter((spec) => spec.startsWith('.') && !relative(extension, resolve(ROOT, dirname(file), spec)).startsWith('..'));
      const uses = [...direct, ...upward.map((s) => `imports ${s}`)];
      if (uses.length > 0) offenders[file] = uses;
    }
    expect(offenders).toEqual({});
  });
});
