// Flask + flask-cors: explicit origins; with supports_credentials=True and origins "*" flask-cors
// echoes any Origin, so never "*". It adds Vary: Origin for a list of origins.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, pathScope, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  return [
    ...intro('#', spec, 'app.py', 'replace the existing CORS(app, ...) call, after app = Flask(__name__) (pip install flask-cors).'),
    'from flask_cors import CORS',
    'CORS(',
    '    app,',
    `    resources={${q(`${pathScope(spec.path)}/*`)}: {"origins": [${q(spec.origin)}]}},  # exact origins; never "*"`,
    ...(spec.credentials ? ['    supports_credentials=True,'] : []),
    `    methods=[${methodsWith(spec).map(q).join(', ')}],`,
    ...(spec.headers.length > 0 ? [`    allow_headers=[${spec.headers.map(q).join(', ')}],`] : []),
    ')',
    ...(spec.problem === 'preflight-status' ? ['# In your before_request auth check: if request.method == "OPTIONS": return None'] : []),
    ...(spec.problem === 'redirect-escape' ? ['# API routes: abort(401) instead of redirect(url_for("login")) for fetch/XHR calls.'] : []),
  ].join('\n');
}
