// What the four Node middleware snippets (Express, Fastify, Koa, Hono) share: they all edit one
// existing `cors(...)` setup into an options object with the same five facts, and all must run
// before any auth middleware (a preflight carries no cookies or Authorization; Fetch standard,
// "CORS-preflight fetch" step 2 leaves credentials out).
import type { SnippetSpec } from './plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, q } from './stacks/shared';

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
  /** The origin option's value: a literal string or a one-element array. */
  origin: (origin: string) => string;
  /** Why that value is safe (a trailing comment). */
  originWhy: string;
  methodsKey: string;
  headersKey: string;
  /** How the auth layer of this framework answers instead of redirecting. */
  noRedirect: string;
  /** How this framework sets a header by hand (a second copy source). */
  setsHeader: string;
}

export function nodeSnippet(spec: SnippetSpec, s: NodeStyle): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  const [opening, ...note] = intro('//', spec, s.file, s.replaces);
  return [
    opening,
    `// ${s.uses}`,
    ...note,
    s.open,
    `  origin: ${s.origin(spec.origin)}, // ${s.originWhy}`,
    ...(spec.credentials ? ['  credentials: true,'] : []),
    `  ${s.methodsKey}: [${methodsWith(spec).map(q).join(', ')}],`,
    ...(spec.headers.length > 0 ? [`  ${s.headersKey}: [${spec.headers.map(q).join(', ')}],`] : []),
    s.close,
    ...(spec.problem === 'redirect-escape' ? [`// In the auth check, for API calls: ${s.noRedirect}, not a redirect to a login page.`] : []),
    ...(spec.problem === 'duplicate-origin' ? [`// …and remove the CORS headers the proxy (nginx/Apache/Caddy/CDN) or a ${s.setsHeader} call adds.`] : []),
  ].join('\n');
}
