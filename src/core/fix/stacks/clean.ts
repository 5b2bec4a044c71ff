// Every value a snippet embeds came off the network or out of pasted text, so it is checked once,
// here, before any stack sees it: an origin must be a serialized origin (origin.ts), a method or
// a header name an HTTP token (RFC 9110 §5.6.2), a cookie name a token too (RFC 6265 §4.1.1), a
// Domain plain host labels, a path plain printable ASCII; `*` is never a method or header name. What fails is dropped (or, for a cookie
// name, replaced by a marked placeholder), never written. Each stack still escapes what it embeds
// for its own language (shared.ts q/sq/cq, regexEscape): a token may hold $ # % ' and more.
import { isToken } from '../../token';
import { isSerializedOrigin } from '../../origin';
import type { CookieSpec, FixSpec, Problem, SnippetSpec } from '../plan';

const PROBLEMS: ReadonlySet<Problem> = new Set<Problem>([
  'allow-origin',
  'duplicate-origin',
  'allow-credentials',
  'preflight-status',
  'preflight-redirect',
  'redirect-escape',
  'redirect-credentials',
  'allow-methods',
  'allow-headers',
  'vary',
]);

/** Written in place of a cookie name that is not a token. */
export const COOKIE_NAME_PLACEHOLDER = 'your_cookie_name';

const list = (xs: unknown): string[] => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string') : []);
const unique = (xs: string[]): string[] => [...new Set(xs)];
// `*` is a wildcard without credentials and a literal name with them: never what to write.
const tokens = (xs: unknown, lower = false): string[] =>
  unique(
    list(xs)
      .filter((t) => isToken(t) && t !== '*')
      .map((t) => (lower ? t.toLowerCase() : t)),
  );
/** URL path characters (RFC 3986 pchar and '/'), no spaces, quotes, braces or backslashes. */
const PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;
const DOMAIN = /^\.?[a-z0-9-]+(?:\.[a-z0-9-]+)*$/;

/** A spec stored before specs had a kind: one origin, one problem, one path. */
interface OneOriginSpec {
  origin?: unknown;
  problem?: unknown;
  path?: unknown;
}

function cleanCors(spec: SnippetSpec & OneOriginSpec): SnippetSpec {
  const paths = unique(list(spec.paths ?? [spec.path]).filter((p) => PATH.test(p)));
  const problems = unique(list(spec.problems ?? [spec.problem])).filter((p): p is Problem => PROBLEMS.has(p as Problem));
  return {
    kind: 'cors',
    origins: unique(list(spec.origins ?? [spec.origin]).filter(isSerializedOrigin)),
    credentials: spec.credentials === true,
    methods: tokens(spec.methods),
    headers: tokens(spec.headers, true),
    expose: tokens(spec.expose, true),
    problems: problems.length > 0 ? problems : ['allow-origin' as const],
    paths: paths.length > 0 ? paths : ['/'],
  };
}

function cleanCookie(spec: CookieSpec): CookieSpec {
  const name = typeof spec.name === 'string' ? spec.name : '';
  const sameSite = spec.sameSite === 'None' || spec.sameSite === 'Strict' ? spec.sameSite : 'Lax';
  return {
    kind: 'cookie',
    name: name === '' || isToken(name) ? name : COOKIE_NAME_PLACEHOLDER,
    path: typeof spec.path === 'string' && PATH.test(spec.path) ? spec.path : '/',
    sameSite,
    partitioned: spec.partitioned === true,
    domain: typeof spec.domain === 'string' && DOMAIN.test(spec.domain) ? spec.domain : '',
  };
}

/** The spec with every value checked: what a snippet may embed, and nothing else. */
export function cleanSpec(spec: FixSpec): FixSpec {
  return spec.kind === 'cookie' ? cleanCookie(spec) : cleanCors(spec);
}
