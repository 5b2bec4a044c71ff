// Rails + rack-cors: `insert_before 0` puts Rack::Cors first in the middleware stack, so it answers
// preflights before any authentication middleware (https://github.com/cyu/rack-cors#rails-configuration).
// Explicit origins: rack-cors refuses origins "*" with credentials, and a trailing slash never
// matches an Origin. Methods and headers are named, since rack-cors allows only GET and the
// safelisted headers by default.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, pathScope, q, sq } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  // Single-quoted: in double quotes Ruby interpolates #{…}, #$… and #@…, all legal in a header token.
  const methods = [...new Set([...methodsWith(spec), 'OPTIONS'].map((m) => m.toLowerCase()))].map((m) => (/^[a-z_]+$/.test(m) ? `:${m}` : sq(m)));
  return [
    ...intro('#', spec, 'config/initializers/cors.rb', 'replace the whole file; remove other Rack::Cors lines (config/application.rb) (gem "rack-cors").'),
    '# insert_before 0: first in the stack, so preflights are answered before any auth middleware.',
    'Rails.application.config.middleware.insert_before 0, Rack::Cors do',
    '  allow do',
    `    origins ${q(spec.origin)} # exact; never "*" with credentials`,
    `    resource ${q(`${pathScope(spec.path)}/*`)},`,
    `      headers: [${spec.headers.map(sq).join(', ')}],`,
    `      methods: [${methods.join(', ')}],`,
    `      credentials: ${spec.credentials ? 'true' : 'false'}`,
    '  end',
    'end',
    ...(spec.problem === 'redirect-escape' ? ['# API controllers: head :unauthorized instead of redirect_to login_path for fetch/XHR calls.'] : []),
  ].join('\n');
}
