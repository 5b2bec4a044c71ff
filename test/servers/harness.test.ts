// The harness's own pure parts: how a plan is put onto a response, and how a snippet is pasted.
import { expect, test } from 'vitest';
import { applySteps, paste, type PlanStep } from './harness';

const res = { status: 401, headers: [['Content-Type', 'application/json'], ['Access-Control-Allow-Origin', '*'], ['X-Powered-By', 'Express']] as [string, string][] };

test('a step sets its lines (same-named ones replaced), removes names and changes the status, on its own stage and hop only', () => {
  const steps: PlanStep[] = [
    { stage: 'preflight', hop: 0, headers: ['Access-Control-Allow-Origin: http://localhost:1', 'Vary: Origin'], remove: ['x-powered-by'], status: { from: 401, to: 204 } },
    { stage: 'response', hop: 1, headers: ['Access-Control-Allow-Credentials: true'] },
  ];
  const paths = ['/api/a', '/api/b'];
  expect(applySteps({ stage: 'preflight', path: '/api/a' }, res, steps, paths)).toEqual({
    status: 204,
    headers: [
      ['Content-Type', 'application/json'],
      ['Access-Control-Allow-Origin', 'http://localhost:1'],
      ['Vary', 'Origin'],
    ],
  });
  // Wrong stage, or the right stage on another hop's path: untouched.
  expect(applySteps({ stage: 'response', path: '/api/a' }, res, steps, paths)).toEqual(res);
  expect(applySteps({ stage: 'preflight', path: '/api/b' }, res, steps, paths)).toEqual(res);
  expect(applySteps({ stage: 'response', path: '/api/b' }, res, steps, paths).headers.at(-1)).toEqual(['Access-Control-Allow-Credentials', 'true']);
});

const app = ['const app = express();', 'app.use(auth);', '// >>> cors setup', 'app.use(cors());', '// <<< cors setup', 'app.listen(1);'].join('\n');
const spot = { begin: '// >>> cors setup', end: '// <<< cors setup' };

test('paste replaces the marked region with the snippet as written, or moves it to the anchor', () => {
  const snippet = '// In app.js: replace …\napp.use(cors({ origin: "http://localhost:1" }));';
  expect(paste(app, snippet, spot)).toBe(['const app = express();', 'app.use(auth);', ...snippet.split('\n'), 'app.listen(1);'].join('\n'));
  expect(paste(app, snippet, { ...spot, at: 'const app = express();' })).toBe(['const app = express();', ...snippet.split('\n'), 'app.use(auth);', 'app.listen(1);'].join('\n'));
});

test('paste changes only lines marked PLACEHOLDER, and fails when a marker is missing', () => {
  const snippet = 'proxy_pass http://127.0.0.1:8080; # PLACEHOLDER: your upstream address\nadd_header Vary Origin always;';
  const out = paste(app, snippet, { ...spot, placeholder: (l) => l.replace('8080', '9999') });
  expect(out).toContain('proxy_pass http://127.0.0.1:9999; # PLACEHOLDER');
  expect(out).toContain('add_header Vary Origin always;');
  expect(() => paste(app, snippet, { begin: '# >>> cors', end: '# <<< cors' })).toThrow(/no line '# >>> cors'/);
});
