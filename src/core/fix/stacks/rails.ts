// Rails + rack-cors: `insert_before 0` puts Rack::Cors first in the middleware stack, so it answers
// preflights before any authentication middleware (https://github.com/cyu/rack-cors#rails-configuration).
// Explicit origins: rack-cors refuses origins "*" with credentials, and a trailing slash never
// matches an Origin. Methods and headers are named, since rack-cors allows only GET and the
// safelisted headers by default. Every string is single-quoted: in double quotes Ruby runs #{…},
// #$x and #@x, and a header token may hold # and $.
import type { CookieSpec, SnippetSpec } from '../plan';
import { has, intro, KEEP_CREDENTIALS, methodsWith, originsOf, renderer, scopeOf, sq, sqList } from './shared';

function cors(spec: SnippetSpec): string {
  const methods = [...new Set([...methodsWith(spec), 'OPTIONS'].map((m) => m.toLowerCase()))].map((m) => (/^[a-z_]+$/.test(m) ? `:${m}` : sq(m)));
  return [
    ...intro('#', spec, 'config/initializers/cors.rb', 'replace the whole file; remove other Rack::Cors lines (config/application.rb) (gem "rack-cors").'),
    '# insert_before 0: first in the stack, so preflights are answered before any auth middleware.',
    'Rails.application.config.middleware.insert_before 0, Rack::Cors do',
    '  allow do',
    `    origins ${originsOf(spec).map(sq).join(', ')} # exact; never "*" with credentials`,
    `    resource ${sq(`${scopeOf(spec)}/*`)},`,
    `      headers: ${sqList(spec.headers)},`,
    ...(spec.expose.length > 0 ? [`      expose: ${sqList(spec.expose)},`] : []),
    ...(spec.credentials
      ? [`      methods: [${methods.join(', ')}],`, '      credentials: true']
      : [`      # ${KEEP_CREDENTIALS}`, `      methods: [${methods.join(', ')}]`]),
    '  end',
    'end',
    ...(has(spec, 'redirect-escape') ? ['# API controllers: head :unauthorized instead of redirect_to login_path for fetch/XHR calls.'] : []),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  return [
    '# In config/initializers/session_store.rb: replace the session_store line.',
    `Rails.application.config.session_store :cookie_store, key: ${sq(k.name)}, path: ${sq(k.path)}, secure: true, httponly: true, same_site: :${k.sameSite.toLowerCase()}${k.partitioned ? ', partitioned: true # Rack ≥ 3.1' : ''}`,
  ].join('\n');
}

export const render = renderer('#', cors, cookie);
