// One Debian-stack case for the harness's proveCure: the stack's base config plus the case's
// misconfigured files (one bundle, see launch.ts), the app behind the proxy if any, and how the
// snippet is pasted, which is what its opening comment says.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, it } from 'vitest';
import { paste, proveCure, startBrowser, type CureCase, type CureResult, type PasteSpot, type ServersBrowser } from '../harness';
import { a2enmod, debServer, type DebServer, type DebStack } from './launch';
import { startUpstream, type UpstreamOptions } from './upstream';

const here = dirname(fileURLToPath(import.meta.url));

export interface DebCase {
  /** The case's bundle, test/servers/debian/<stack>/<file>; the stack's _base bundle comes first. */
  file: string;
  call: CureCase['call'];
  /** Chromium's CorsError name for the misconfiguration, as the extension reports it. */
  code: string;
  /** The application behind the proxy (nginx, Apache, Caddy): {{UPSTREAM}} in the config. */
  upstream?: UpstreamOptions;
  /** When the snippet goes elsewhere than the CORS region it replaces: the line it follows. */
  at?: string;
  /** The API wants credentials (harness.ts CureCase.locked). */
  locked?: CureCase['locked'];
}

/** The region each case marks around its existing CORS setup (empty where there is none). */
const mark = (stack: DebStack) => (stack === 'go' ? '//' : '#');

/** Where a stack's bundles live, how its servers start, and how its comments begin. */
export interface BundleStack {
  stack: string;
  /** Directory of <case>.bundle files (and an optional _base.bundle). */
  dir: string;
  server: DebServer;
  /** The comment marker of the `>>> cors` / `<<< cors` lines. */
  mark: string;
  pasteAll?: CureCase['pasteAll'];
}

/** Every part of a multi-part snippet: lines `# (1) …`, `# (2) …` open the parts. */
export function parts(snippet: string): string[] {
  const out: string[][] = [[]];
  for (const line of snippet.split('\n')) {
    if (/^# \(\d+\) /.test(line) && out.at(-1)!.some((l) => !l.startsWith('#') || /^# \(\d+\) /.test(l))) out.push([]);
    out.at(-1)!.push(line);
  }
  return out.map((p) => p.join('\n'));
}

/**
 * How a person pastes the stack's snippet. nginx: part (1) into the http {} block, part (2) into
 * the location. Apache: the snippet at the end of the <VirtualHost>, then `a2enmod` as its comment
 * says (a LoadModule line per module not loaded yet, as Debian's a2enmod does).
 */
export function pasteAll(stack: DebStack, spot: PasteSpot): CureCase['pasteAll'] {
  if (stack === 'nginx') {
    return (source, snippet) => {
      const [http, location, ...rest] = parts(snippet);
      if (rest.length > 0) throw new Error(`nginx snippet: expected at most two parts, got:\n${snippet}`);
      // One part only: a comment with no configuration (an opaque origin has no safe setting).
      if (location === undefined) return paste(source, http!, spot);
      return paste(paste(source, http!, { begin: '# >>> http cors', end: '# <<< http cors' }), location, spot);
    };
  }
  if (stack === 'apache') {
    return (source, snippet) => {
      const pasted = paste(source, snippet, spot);
      const load = a2enmod(pasted, snippet);
      return load === '' ? pasted : pasted.replace('# <<< modules', `${load}\n# <<< modules`);
    };
  }
  return undefined;
}

export function proveDeb(b: ServersBrowser, stack: DebStack, c: DebCase): Promise<CureResult> {
  const spot: PasteSpot = { begin: `${mark(stack)} >>> cors`, end: `${mark(stack)} <<< cors`, ...(c.at ? { at: c.at } : {}) };
  return proveBundle(b, { stack, dir: join(here, stack), server: debServer(stack), mark: mark(stack), pasteAll: pasteAll(stack, spot) }, c);
}

/** One bundle case through proveCure, plus the `locked` check on the cured server. */
export async function proveBundle(b: ServersBrowser, s: BundleStack, c: DebCase): Promise<CureResult> {
  const base = join(s.dir, '_base.bundle');
  const text = (existsSync(base) ? readFileSync(base, 'utf8') : '') + readFileSync(join(s.dir, c.file), 'utf8');
  const upstream = c.upstream ? await startUpstream(c.upstream, b.pageOrigin) : undefined;
  const spot: PasteSpot = { begin: `${s.mark} >>> cors`, end: `${s.mark} <<< cors`, ...(c.at ? { at: c.at } : {}) };
  try {
    return await proveCure(b, {
      stack: s.stack,
      call: c.call,
      code: c.code,
      source: text.replaceAll('{{PAGE_ORIGIN}}', b.pageOrigin).replaceAll('{{UPSTREAM}}', upstream?.origin ?? ''),
      start: (source) => s.server.start(source),
      spot,
      pasteAll: s.pasteAll,
      ...(c.locked !== undefined ? { locked: c.locked } : {}),
    });
  } finally {
    s.server.cleanup();
    await upstream?.close();
  }
}

/** Credentials the cases' calls carry: a bearer token, or HTTP basic for the htpasswd users. */
export const BEARER = { Authorization: 'Bearer t0ken' };
export const BASIC = { Authorization: `Basic ${Buffer.from('ada:secret').toString('base64')}` };

/** One stack's cases against one Chromium with the extension; `check` adds stack-specific asserts. */
export function stackSuite(stack: DebStack, cases: readonly DebCase[], check?: (r: CureResult) => void): void {
  bundleSuite(stack, cases, (b, c) => proveDeb(b, stack, c), check);
}

/** The cases of one stack, each proved by `prove`, against one Chromium with the extension. */
export function bundleSuite(name: string, cases: readonly DebCase[], prove: (b: ServersBrowser, c: DebCase) => Promise<CureResult>, check?: (r: CureResult) => void): void {
  let b: ServersBrowser;
  beforeAll(async () => {
    b = await startBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });
  for (const c of cases) {
    it(`${name}: ${c.file}`, async () => {
      // Not `check?.(await …)`: optional chaining would skip the proof itself when check is absent.
      const result = await prove(b, c);
      check?.(result);
    });
  }
}
