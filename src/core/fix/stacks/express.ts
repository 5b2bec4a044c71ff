// Express + the `cors` package: a string origin is sent as-is (the browser compares it), an array
// is checked and the request's Origin sent back only when listed; both with Vary: Origin
// (cors/lib/index.js, configureOrigin). Never `origin: true`
// (reflects every origin) and never the default `*` with credentials (expressjs/cors README,
// "Configuration Options"). An EDIT of the app's existing cors(...) call: a second
// `const cors = require('cors')` stops node with "Identifier 'cors' has already been declared", so
// the snippet is the call alone. Cookies: express-session's `cookie` options, or res.cookie().
import type { CookieSpec, SnippetSpec } from '../plan';
import { nodeSnippet, oneOrList } from '../node-snippet';
import { jsCookieOptions, q, renderer } from './shared';

/** express-session's options (NestJS on Express uses the same middleware). */
export function expressSession(k: CookieSpec): string[] {
  return ['app.use(session({', `  name: ${q(k.name)},`, '  secret: process.env.SESSION_SECRET,', `  cookie: ${jsCookieOptions(k)},`, '}));'];
}

function cors(spec: SnippetSpec): string {
  return nodeSnippet(spec, {
    file: 'app.js',
    replaces:
      'replace the existing app.use(cors(...)) call (or app.options(..., cors()) / a route-level cors(...)) with this one, placed first: right after const app = express(), before session/auth middleware and routes.',
    uses: "Uses the app's existing `const cors = require('cors')` (if there is none, add it once; npm install cors).",
    open: 'app.use(cors({',
    close: '}));',
    origin: oneOrList,
    originWhy: "exact origins; never true or '*'",
    methodsKey: 'methods',
    headersKey: 'allowedHeaders',
    exposeKey: 'exposedHeaders',
    noRedirect: "res.status(401).json({ error: 'login required' })",
    setsHeader: 'res.set(...)',
  });
}

function cookie(k: CookieSpec): string {
  return [
    "// In app.js: the options of the existing app.use(session(...)) (express-session; partitioned: express-session ≥ 1.18); behind a TLS proxy also app.set('trust proxy', 1).",
    ...expressSession(k),
    '// a cookie set by hand:',
    `res.cookie(${q(k.name)}, value, ${jsCookieOptions(k)});`,
  ].join('\n');
}

export const render = renderer('//', cors, cookie);
