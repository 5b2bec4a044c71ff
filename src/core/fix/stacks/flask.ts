// Flask + flask-cors: explicit origins (with supports_credentials=True and origins "*" flask-cors
// echoes any Origin, https://flask-cors.readthedocs.io/en/latest/api.html). flask-cors adds its
// headers in an after_request hook, so a before_request login check still answers the preflight
// 401; the hook below runs first and answers preflights itself (before_request hooks run in
// order and the first one that returns a response stops the rest,
// https://flask.palletsprojects.com/en/2.2.x/api/#flask.Flask.before_request). With one origin
// listed, flask-cors adds no Vary: Origin (flask_cors/core.py, set_cors_headers), so an
// after_request hook adds it.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, pathScope, q, regexEscape } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  return [
    ...intro('#', spec, 'app.py', 'replace your CORS(app, ...) call; put this after app = Flask(__name__) (pip install flask-cors).'),
    'from flask import request',
    'from flask_cors import CORS',
    '',
    'CORS(',
    '    app,',
    `    resources={${q(`${regexEscape(pathScope(spec.path))}/.*`)}: {"origins": [${q(spec.origin)}]}},  # exact origins; never "*"`,
    `    supports_credentials=${spec.credentials ? 'True' : 'False'},`,
    `    methods=[${methodsWith(spec).map(q).join(', ')}],`,
    `    allow_headers=[${spec.headers.map(q).join(', ')}],`,
    ')',
    '',
    '',
    '# A preflight carries no cookies or Authorization: answer it before any login check.',
    'def answer_cors_preflight():',
    '    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:',
    '        return app.make_default_options_response()',
    '',
    '',
    'app.before_request_funcs.setdefault(None, []).insert(0, answer_cors_preflight)',
    '',
    '',
    '# flask-cors sends Vary: Origin only when several origins are listed; caches need it anyway.',
    'def vary_on_origin(response):',
    '    response.vary.add("Origin")',
    '    return response',
    '',
    '',
    'app.after_request(vary_on_origin)',
    ...(spec.problem === 'redirect-escape' ? ['# API routes: abort(401) instead of redirect(url_for("login")) for fetch/XHR calls.'] : []),
  ].join('\n');
}
