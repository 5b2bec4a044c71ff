// Express + the `cors` package: a string origin is sent as-is, with Vary: Origin. Never
// `origin: true` (reflects every origin) and never the default `*` with credentials
// (expressjs/cors README, "Configuration Options"). An EDIT of the app's existing cors(...) call:
// a second `const cors = require('cors')` stops node with "Identifier 'cors' has already been
// declared", so the snippet is the call alone.
import type { SnippetSpec } from '../plan';
import { nodeSnippet } from '../node-snippet';
import { q } from './shared';

export function render(spec: SnippetSpec): string {
  return nodeSnippet(spec, {
    file: 'app.js',
    replaces:
      'replace the existing app.use(cors(...)) call (or app.options(..., cors()) / a route-level cors(...)) with this one, placed first: right after const app = express(), before session/auth middleware and routes.',
    uses: "Uses the app's existing `const cors = require('cors')` (if there is none, add it once; npm install cors).",
    open: 'app.use(cors({',
    close: '}));',
    origin: q,
    originWhy: "exact origin (or an array of them); never true or '*'",
    methodsKey: 'methods',
    headersKey: 'allowedHeaders',
    noRedirect: "res.status(401).json({ error: 'login required' })",
    setsHeader: 'res.set(...)',
  });
}
