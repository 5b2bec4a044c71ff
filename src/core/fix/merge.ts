// One configuration for one server: the union of the CORS specs of every request seen to it, so a
// fix pasted for one request never breaks another (a login POST, a GET, a PUT with JSON and
// Authorization, each with its own spec, become one allow-list). Pure data in, pure data out.
import { isToken } from '../headers';
import { isSerializedOrigin } from '../origin';
import type { Problem, SnippetSpec } from './plan';

/** The order the snippets remind of problems in: the cause people hit first, first. */
const PROBLEM_ORDER: readonly Problem[] = [
  'preflight-status',
  'preflight-redirect',
  'redirect-escape',
  'redirect-credentials',
  'duplicate-origin',
  'allow-origin',
  'allow-credentials',
  'allow-methods',
  'allow-headers',
  'vary',
];

/** Values in first-seen order, each once (a tab's requests repeat the same few values). */
function union<T>(lists: readonly (readonly T[])[]): T[] {
  const seen = new Set<T>();
  for (const l of lists) for (const v of l) seen.add(v);
  return [...seen];
}

/** Header names: valid tokens, lower-case, never `*` (a literal name once credentials are on). */
function names(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(union(lists).map((n) => n.toLowerCase()))].filter((n) => n !== '*' && isToken(n));
}

/**
 * The union of `specs`: every origin that is one (anything else is left out: it never reaches a
 * header line or a snippet), every method and header, credentials if any request has them.
 */
export function mergeSpecs(specs: readonly SnippetSpec[]): SnippetSpec {
  const problems = new Set(specs.flatMap((s) => s.problems));
  return {
    kind: 'cors',
    origins: union(specs.map((s) => s.origins)).filter(isSerializedOrigin),
    credentials: specs.some((s) => s.credentials),
    // Methods compare case-sensitively (only Fetch's normalized ones are upper-cased on the wire).
    methods: union(specs.map((s) => s.methods)).filter((m) => m !== '*' && isToken(m)),
    headers: names(specs.map((s) => s.headers)),
    expose: names(specs.map((s) => s.expose)),
    problems: PROBLEM_ORDER.filter((p) => problems.has(p)),
    paths: union(specs.map((s) => s.paths)),
  };
}
