// The cure for a cookie, as a fix like the CORS ones: the Set-Cookie line to send, and the same
// attributes in each stack's session-cookie settings. Built from names and attributes only; the
// value is always the placeholder <value>.
import { STACKS } from '../fix/stacks';
import type { Fix, StackId } from '../types';
import { urlParts } from './host';
import { LIMITS } from './words';
import type { CookieContext, CookieFacts } from './types';

export interface CookieCure {
  name: string;
  path: string;
  sameSite: 'None' | 'Lax' | 'Strict';
  partitioned: boolean;
  domain: string;
}

/** The attributes a working cookie needs in this context. */
export function cureFor(c: CookieFacts, ctx: CookieContext): CookieCure {
  const hostPrefix = c.name.toLowerCase().startsWith('__host-');
  return {
    name: c.name,
    path: '/',
    sameSite: ctx.crossSite ? 'None' : c.sameSite === 'strict' ? 'Strict' : 'Lax',
    // CHIPS is what still works when the browser blocks third-party cookies.
    partitioned: ctx.crossSite && (ctx.thirdPartyBlocked === true || c.partitioned),
    domain: hostPrefix ? '' : c.domain,
  };
}

export function setCookieLine(k: CookieCure): string {
  return [
    `Set-Cookie: ${k.name}=<value>`,
    ...(k.domain ? [`Domain=${k.domain}`] : []),
    `Path=${k.path}`,
    'Secure',
    'HttpOnly',
    `SameSite=${k.sameSite}`,
    ...(k.partitioned ? ['Partitioned'] : []),
  ].join('; ');
}

const q = (s: string): string => JSON.stringify(s);
const attrs = (k: CookieCure): string => setCookieLine(k).replace(/^Set-Cookie: [^;]*; /, '');
const proxyRegex = (k: CookieCure): string => `^(${k.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=[^;]*).*$`;

/** Session-cookie settings per stack (the framework's own session cookie, or one set by hand). */
export function cookieSnippets(k: CookieCure): Record<StackId, string> {
  const lower = k.sameSite.toLowerCase();
  // express-session, which NestJS on Express uses too.
  const expressSession = [
    'app.use(session({',
    `  name: ${q(k.name)},`,
    '  secret: process.env.SESSION_SECRET,',
    `  cookie: { path: '/', secure: true, httpOnly: true, sameSite: '${lower}'${k.partitioned ? ', partitioned: true' : ''} },`,
    '}));',
  ];
  return {
    express: [
      "// express-session (partitioned: express-session ≥ 1.18); behind a TLS proxy also: app.set('trust proxy', 1)",
      ...expressSession,
      '// a cookie set by hand:',
      `res.cookie(${q(k.name)}, value, { path: '/', secure: true, httpOnly: true, sameSite: '${lower}'${k.partitioned ? ', partitioned: true' : ''} });`,
    ].join('\n'),
    django: [
      '# settings.py',
      `SESSION_COOKIE_NAME = ${q(k.name)}`,
      `SESSION_COOKIE_SAMESITE = "${k.sameSite}"`,
      'SESSION_COOKIE_SECURE = True',
      'SESSION_COOKIE_HTTPONLY = True',
      'SESSION_COOKIE_PATH = "/"',
      `CSRF_COOKIE_SAMESITE = "${k.sameSite}"`,
      'CSRF_COOKIE_SECURE = True',
      ...(k.partitioned ? ['# Django has no setting for Partitioned: add it at the proxy (see the nginx/Apache/Caddy forms).'] : []),
    ].join('\n'),
    spring: [
      '# application.properties (Spring Boot, servlet session cookie)',
      `server.servlet.session.cookie.name=${k.name}`,
      `server.servlet.session.cookie.same-site=${lower}`,
      'server.servlet.session.cookie.secure=true',
      'server.servlet.session.cookie.http-only=true',
      'server.servlet.session.cookie.path=/',
      '# a cookie set by hand:',
      `# ResponseCookie.from(${q(k.name)}, value).path("/").secure(true).httpOnly(true).sameSite("${k.sameSite}")${k.partitioned ? '.partitioned(true)' : ''}.build()`,
    ].join('\n'),
    rails: [
      '# config/initializers/session_store.rb',
      `Rails.application.config.session_store :cookie_store, key: ${q(k.name)}, path: "/", secure: true, httponly: true, same_site: :${lower}${k.partitioned ? ', partitioned: true # Rack ≥ 3.1' : ''}`,
    ].join('\n'),
    fastapi: [
      'from starlette.middleware.sessions import SessionMiddleware',
      '',
      `app.add_middleware(SessionMiddleware, secret_key=SECRET_KEY, session_cookie=${q(k.name)}, path="/", same_site="${lower}", https_only=True)`,
      '# a cookie set by hand:',
      `response.set_cookie(${q(k.name)}, value, path="/", secure=True, httponly=True, samesite="${lower}"${k.partitioned ? ', partitioned=True' : ''})`,
    ].join('\n'),
    aspnet: [
      '// Program.cs: the session cookie (the same on CookieAuthenticationOptions.Cookie for cookie auth)',
      'builder.Services.AddSession(o =>',
      '{',
      `    o.Cookie.Name = ${q(k.name)};`,
      '    o.Cookie.Path = "/";',
      `    o.Cookie.SameSite = SameSiteMode.${k.sameSite};`,
      '    o.Cookie.SecurePolicy = CookieSecurePolicy.Always;',
      '    o.Cookie.HttpOnly = true;',
      ...(k.partitioned ? ['    o.Cookie.Extensions.Add("Partitioned");'] : []),
      '});',
    ].join('\n'),
    go: [
      'http.SetCookie(w, &http.Cookie{',
      `\tName:     ${q(k.name)},`,
      '\tValue:    value,',
      '\tPath:     "/",',
      '\tSecure:   true,',
      '\tHttpOnly: true,',
      `\tSameSite: http.SameSite${k.sameSite}Mode,`,
      ...(k.partitioned ? ['\tPartitioned: true, // Go ≥ 1.23'] : []),
      '})',
    ].join('\n'),
    nginx: [
      '# in the location that proxies the API (nginx ≥ 1.19.3)',
      `proxy_cookie_flags ${k.name} secure httponly samesite=${lower};`,
      'proxy_cookie_path ~^/.*$ /;',
      ...(k.partitioned ? ['# proxy_cookie_flags has no Partitioned flag: set it in the application.'] : []),
    ].join('\n'),
    apache: ["# mod_headers: rewrite the application's Set-Cookie", `Header always edit Set-Cookie "${proxyRegex(k)}" "$1; ${attrs(k)}"`].join('\n'),
    caddy: ['reverse_proxy app:8080 {', `\theader_down Set-Cookie "${proxyRegex(k)}" "$1; ${attrs(k)}"`, '}'].join('\n'),
    'spring-security': [
      '# application.properties (Spring Boot + Spring Security: the same servlet session cookie)',
      `server.servlet.session.cookie.name=${k.name}`,
      `server.servlet.session.cookie.same-site=${lower}`,
      'server.servlet.session.cookie.secure=true',
      'server.servlet.session.cookie.http-only=true',
      'server.servlet.session.cookie.path=/',
    ].join('\n'),
    fastify: [
      '// @fastify/secure-session or @fastify/session: the cookie options of the existing register call',
      `fastify.register(fastifySession, { cookieName: ${q(k.name)}, secret: process.env.SESSION_SECRET, cookie: { path: '/', secure: true, httpOnly: true, sameSite: '${lower}'${k.partitioned ? ', partitioned: true' : ''} } });`,
      '// a cookie set by hand (@fastify/cookie):',
      `reply.setCookie(${q(k.name)}, value, { path: '/', secure: true, httpOnly: true, sameSite: '${lower}'${k.partitioned ? ', partitioned: true' : ''} });`,
    ].join('\n'),
    koa: [
      '// koa-session: the options of the existing app.use(session(...)) call',
      `app.use(session({ key: ${q(k.name)}, path: '/', secure: true, httpOnly: true, sameSite: '${lower}'${k.partitioned ? ', partitioned: true' : ''} }, app));`,
      '// a cookie set by hand:',
      `ctx.cookies.set(${q(k.name)}, value, { path: '/', secure: true, httpOnly: true, sameSite: '${lower}'${k.partitioned ? ', partitioned: true' : ''} });`,
    ].join('\n'),
    hono: [
      '// hono/cookie, where the login handler sets the cookie',
      "import { setCookie } from 'hono/cookie';",
      `setCookie(c, ${q(k.name)}, value, { path: '/', secure: true, httpOnly: true, sameSite: '${k.sameSite}'${k.partitioned ? ', partitioned: true' : ''} });`,
    ].join('\n'),
    nestjs: ['// src/main.ts: the options of the existing app.use(session(...)) (express-session)', ...expressSession].join('\n'),
    nextjs: [
      '// app/api/login/route.ts: where the route handler sets the cookie',
      "import { cookies } from 'next/headers';",
      `(await cookies()).set(${q(k.name)}, value, { path: '/', secure: true, httpOnly: true, sameSite: '${lower}'${k.partitioned ? ', partitioned: true' : ''} });`,
    ].join('\n'),
    flask: [
      '# the Flask app config',
      `app.config.update(SESSION_COOKIE_NAME=${q(k.name)}, SESSION_COOKIE_SAMESITE="${k.sameSite}", SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_PATH="/")`,
      ...(k.partitioned ? ['# Flask 2.x has no setting for Partitioned: add it at the proxy (see the nginx/Apache/Caddy forms).'] : []),
    ].join('\n'),
    laravel: [
      '// config/session.php (or the SESSION_* entries of .env)',
      `'cookie' => ${q(k.name)},`,
      "'path' => '/',",
      "'secure' => true,",
      "'http_only' => true,",
      `'same_site' => '${lower}',`,
      ...(k.partitioned ? ["'partitioned' => true, // Laravel ≥ 11"] : []),
    ].join('\n'),
  };
}

/** No stack form: the cure is on the page, not in server settings. */
export function noSnippets(): Record<StackId, string> {
  return Object.fromEntries(STACKS.map(({ id }) => [id, ''])) as Record<StackId, string>;
}

/**
 * A Fix of one step on the response at `hop`. `spec` is what a CORS snippet for this credentialed
 * call would need (exact origin, credentials); the snippets given here are the cookie's own.
 */
export function credentialFix(a: { hop: number; headers: string[]; notes: string[]; snippets: Record<StackId, string>; pageOrigin: string; url: string }): Fix {
  const step = { stage: 'response' as const, hop: a.hop, headers: a.headers };
  const path = urlParts(a.url)?.path ?? '/';
  return {
    ...step,
    steps: [step],
    notes: a.notes,
    spec: { origin: a.pageOrigin === 'null' ? '' : a.pageOrigin, credentials: true, methods: [], headers: [], problem: 'allow-credentials', path },
    snippets: a.snippets,
  };
}

export function cookieFix(c: CookieFacts, ctx: CookieContext, hop: number): Fix {
  const k = cureFor(c, ctx);
  const notes: string[] = [];
  notes.push('Send these attributes on the response that sets the cookie (the login), and on every response that refreshes it.');
  if (!c.httpOnly) notes.push("Leave HttpOnly out only if the page's own script must read this cookie (a CSRF token cookie).");
  if (ctx.crossSite && ctx.thirdPartyBlocked === undefined)
    notes.push("If the browser blocks third-party cookies, add Partitioned too (CHIPS): the cookie is then kept for this page's site only.");
  if (ctx.crossSite) notes.push(LIMITS);
  return credentialFix({ hop, headers: [setCookieLine(k)], notes, snippets: cookieSnippets(k), pageOrigin: ctx.pageOrigin, url: ctx.url });
}
