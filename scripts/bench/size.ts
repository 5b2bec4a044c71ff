// Size of the built extension (`npm run build` first; `BENCH_ONLY=size npm run bench` alone):
// every shipped file raw and gzipped (-9), what each context loads when it starts (the static
// import closure of its entry: the worker, the panel, the popup, the DevTools page, the content
// scripts) and what it may load later (dynamic import()), the total, and any shipped file that
// nothing loads. The imports are read from the built files themselves: Vite's parser (parseSync) for
// the JS, the script/link tags Vite writes for the HTML pages, the manifest for the entries.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseSync } from 'vite';

interface Built {
  raw: number;
  gz: number;
}
interface Context {
  name: string;
  /** Files loaded when the context starts. */
  start: string[];
  /** Files only a dynamic import() of the context loads. */
  later: string[];
}
interface Manifest {
  background?: { service_worker?: string; scripts?: string[] };
  devtools_page?: string;
  action?: { default_popup?: string };
  content_scripts?: { js?: string[]; css?: string[] }[];
}

const PANEL_PAGE = 'extension/panel/panel.html'; // opened by devtools.panels.create, not named in the manifest
/** The whole extension's budget, gz, every shipped file but the icons (docs/cost.md, "Size of the built extension"). */
const TARGET_GZ = 45_000;
const isIcon = (file: string) => file.endsWith('.png');

function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(root, path) : [relative(root, path).split('\\').join('/')];
  });
}

/** Where a page or module reference points, as a path inside the build ('/x' is the extension's root). */
const resolveRef = (from: string, ref: string) => (ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(posix.dirname(from), ref)));

/** A page's module entries, preloads and style sheets, as Vite writes them. */
function pageRefs(html: string): string[] {
  const tags = html.match(/<(?:script|link)\b[^>]*>/g) ?? [];
  return tags.flatMap((tag) => [...tag.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!));
}

function moduleRefs(file: string, code: string): { imports: string[]; dynamic: string[] } {
  const { module } = parseSync(file, code);
  const relativeOnly = (ref: string) => ref.startsWith('.');
  // A dynamic import's request is the source text of its argument: the built chunks pass a string literal.
  const literal = (start: number, end: number) => code.slice(start, end).replace(/^(['"`])(.*)\1$/s, '$2');
  return {
    imports: module.staticImports.map((i) => i.moduleRequest.value).filter(relativeOnly),
    dynamic: module.dynamicImports.map((i) => literal(i.moduleRequest.start, i.moduleRequest.end)).filter(relativeOnly),
  };
}

/** Everything `entries` load, following static imports; the dynamic imports met on the way, apart. */
function closure(dir: string, entries: string[]): { start: Set<string>; dynamic: Set<string> } {
  const start = new Set<string>();
  const dynamic = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (start.has(file) || !existsSync(join(dir, file))) continue;
    start.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    if (file.endsWith('.html')) queue.push(...pageRefs(text).map((r) => resolveRef(file, r)));
    else if (file.endsWith('.js')) {
      const refs = moduleRefs(file, text);
      queue.push(...refs.imports.map((r) => resolveRef(file, r)));
      for (const r of refs.dynamic) dynamic.add(resolveRef(file, r));
    }
  }
  return { start, dynamic };
}

function context(dir: string, name: string, entries: string[]): Context {
  const first = closure(dir, entries);
  const later = new Set<string>();
  let pending = [...first.dynamic];
  while (pending.length > 0) {
    const next = closure(dir, pending);
    pending = [];
    for (const f of next.start) if (!first.start.has(f) && !later.has(f)) later.add(f);
    for (const f of next.dynamic) if (!first.start.has(f) && !later.has(f)) pending.push(f);
  }
  return { name, start: [...first.start], later: [...later] };
}

function contexts(dir: string): Context[] {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const worker = m.background?.service_worker ? [m.background.service_worker] : (m.background?.scripts ?? []);
  const content = (m.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
  return [
    context(dir, 'worker', worker),
    context(dir, 'panel', [PANEL_PAGE]),
    context(dir, 'popup', m.action?.default_popup ? [m.action.default_popup] : []),
    context(dir, 'devtools page', m.devtools_page ? [m.devtools_page] : []),
    context(dir, 'content scripts', content),
  ];
}

const kb = (n: number) => (n / 1000).toFixed(1).padStart(7);
const sum = (files: readonly string[], sizes: Map<string, Built>, key: keyof Built) => files.reduce((t, f) => t + (sizes.get(f)?.[key] ?? 0), 0);

function report(dir: string, label: string): void {
  const files = filesUnder(dir).sort();
  const sizes = new Map<string, Built>();
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    sizes.set(f, { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length });
  }
  const shipped = files.filter((f) => !isIcon(f));
  const ctxs = contexts(dir);
  const loaded = new Set(['manifest.json', ...ctxs.flatMap((c) => [...c.start, ...c.later])]);
  console.log(`\n${label}/ (KB, 1 KB = 1000 bytes; gz = gzip -9)`);
  console.log(`${'file'.padEnd(52)} ${'raw'.padStart(7)} ${'gz'.padStart(7)}`);
  for (const f of shipped) console.log(`${f.padEnd(52)} ${kb(sizes.get(f)!.raw)} ${kb(sizes.get(f)!.gz)}${loaded.has(f) ? '' : '  (nothing loads it)'}`);
  console.log(`${'context, at start'.padEnd(52)} ${'raw'.padStart(7)} ${'gz'.padStart(7)}   later (import()) raw / gz`);
  for (const c of ctxs) {
    const later = c.later.length > 0 ? `  ${kb(sum(c.later, sizes, 'raw'))} ${kb(sum(c.later, sizes, 'gz'))}` : '';
    console.log(`${`${c.name} (${c.start.length} files)`.padEnd(52)} ${kb(sum(c.start, sizes, 'raw'))} ${kb(sum(c.start, sizes, 'gz'))}${later}`);
  }
  const icons = files.filter(isIcon);
  const total = sum(shipped, sizes, 'gz');
  const verdict = total <= TARGET_GZ ? 'within' : `${kb(total - TARGET_GZ).trim()} KB over`;
  console.log(
    `${`total, every file but the ${icons.length} PNG icons`.padEnd(52)} ${kb(sum(shipped, sizes, 'raw'))} ${kb(total)}   target ≤ ${TARGET_GZ / 1000} gz: ${verdict}`,
  );
  console.log(`${'PNG icons'.padEnd(52)} ${kb(sum(icons, sizes, 'raw'))} ${kb(sum(icons, sizes, 'gz'))}`);
}

export function benchSize(dirs = ['dist', 'dist-firefox']): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
  for (const d of dirs) {
    if (existsSync(join(root, d, 'manifest.json'))) report(join(root, d), d);
    else console.log(`\n${d}/ is not built: run npm run build first.`);
  }
}
