// Flask + flask-cors: explicit origins (with supports_credentials=True and origins "*" flask-cors
// echoes any Origin, https://flask-cors.readthedocs.io/en/latest/api.html). flask-cors adds its
// headers in an after_request hook, so a before_request login check still answers the preflight
// 401; the hook below runs first and answers preflights itself (before_request hooks run in
// order and the first one that returns a response stops the rest,
// https://flask.palletsprojects.com/en/2.2.x/api/#flask.Flask.before_request). With one origin
// listed, flask-cors adds no Vary: Origin (flask_cors/core.py, set_cors_headers), so an
// after_request hook adds it.
import type { CookieSpec, SnippetSpec } from '../plan';
import { has, intro, KEEP_CREDENTIALS, list, methodsWith, originsOf, q, regexEscape, renderer, scopeOf } from './shared';

function cors(spec: SnippetSpec): string {
  return [
    ...intro('#', spec, 'app.py', 'replace your CORS(app, ...) call; put this after app = Flask(__name__) (pip install flask-cors).'),
    'from flask import request',
    'from flask_cors import CORS',
    '',
    'CORS(',
    '    app,',
    `    resources={${q(`${regexEscape(scopeOf(spec))}/.*`)}: {"origins": ${list(originsOf(spec))}}},  # exact origins; never "*"`,
    spec.credentials ? '    supports_credentials=True,' : `    # ${KEEP_CREDENTIALS}`,
    `    methods=${list(methodsWith(spec))},`,
    `    allow_headers=${list(spec.headers)},`,
    ...(spec.expose.length > 0 ? [`    expose_headers=${list(spec.expose)},`] : []),
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
    ...(has(spec, 'redirect-escape') ? ['# API routes: abort(401) instead of redirect(url_for("login")) for fetch/XHR calls.'] : []),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  return [
    '# In app.py: the Flask app config, after app = Flask(__name__).',
    `app.config.update(SESSION_COOKIE_NAME=${q(k.name)}, SESSION_COOKIE_SAMESITE=${q(k.sameSite)}, SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_PATH=${q(k.path)})`,
    ...(k.partitioned ? ['# Flask 2.x has no setting for Partitioned: add it at the proxy (see the nginx/Apache/Caddy forms).'] : []),
  ].join('\n');
}

export const render = renderer('#', cors, cookie);
