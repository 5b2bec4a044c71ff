// What the four Node middleware snippets (Express, Fastify, Koa, Hono) share: they all edit one
// existing `cors(...)` setup into an options object with the same five facts, and all must run
// before any auth middleware (a preflight carries no cookies or Authorization; Fetch standard,
// "CORS-preflight fetch" step 2 leaves credentials out).
import type { SnippetSpec } from './plan';
import { has, intro, KEEP_CREDENTIALS, list, methodsWith, originsOf, q } from './stacks/shared';

export interface NodeStyle {
  /** The file the snippet names in its opening line. */
  file: string;
  /** What it replaces and where it goes: one sentence, the rest of the opening line. */
  replaces: string;
  /** The import it relies on (already in the app; added once if not). */
  uses: string;
  /** The call's first line and last line around the options. */
  open: string;
  close: string;
  /** The origin option's value for the listed origins (a string, an array, a checking function). */
  origin: (origins: string[]) => string;
  /** Why that value is safe (a trailing comment). */
  originWhy: string;
  methodsKey: string;
  headersKey: string;
  exposeKey: string;
  /** How the auth layer of this framework answers instead of redirecting. */
  noRedirect: string;
  /** How this framework sets a header by hand (a second copy source). */
  setsHeader: string;
}

/** One string when one origin is listed, else an array: both are exact-match forms. */
export function oneOrList(origins: string[]): string {
  return origins.length === 1 ? q(origins[0]!) : list(origins);
}

export function nodeSnippet(spec: SnippetSpec, s: NodeStyle): string {
  const [opening, ...note] = intro('//', spec, s.file, s.replaces);
  return [
    opening,
    `// ${s.uses}`,
    ...note,
    s.open,
    `  origin: ${s.origin(originsOf(spec))}, // ${s.originWhy}`,
    spec.credentials ? '  credentials: true,' : `  // ${KEEP_CREDENTIALS}`,
    `  ${s.methodsKey}: ${list(methodsWith(spec))},`,
    ...(spec.headers.length > 0 ? [`  ${s.headersKey}: ${list(spec.headers)},`] : []),
    ...(spec.expose.length > 0 ? [`  ${s.exposeKey}: ${list(spec.expose)},`] : []),
    s.close,
    ...(has(spec, 'redirect-escape') ? [`// In the auth check, for API calls: ${s.noRedirect}, not a redirect to a login page.`] : []),
    ...(has(spec, 'duplicate-origin') ? [`// …and remove the CORS headers the proxy (nginx/Apache/Caddy/CDN) or a ${s.setsHeader} call adds.`] : []),
  ].join('\n');
}
