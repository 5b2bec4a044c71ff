// Spring MVC, global CORS through WebMvcConfigurer.addCorsMappings: explicit allowedOrigins +
// allowCredentials(true). allowedOrigins("*") with credentials throws (CorsConfiguration
// .validateAllowCredentials) and allowedOriginPatterns("*") reflects every origin.
// https://docs.spring.io/spring-framework/reference/web/webmvc-cors.html#mvc-cors-global
// Cookies: Spring Boot's server.servlet.session.cookie.* properties.
import type { CookieSpec, SnippetSpec } from '../plan';
import { advice, intro, KEEP_CREDENTIALS, methodsWith, originsOf, placeholder, q, renderer, scopeOf } from './shared';

/** Java arguments: "a", "b". */
export const args = (xs: readonly string[]) => xs.map(q).join(', ');

function cors(spec: SnippetSpec): string {
  const chain = [
    `.allowedOrigins(${args(originsOf(spec))}) // exact origins; never "*" or allowedOriginPatterns("*")`,
    ...(spec.credentials ? ['.allowCredentials(true)'] : [`// ${KEEP_CREDENTIALS}`]),
    `.allowedMethods(${args(methodsWith(spec))})`,
    ...(spec.headers.length > 0 ? [`.allowedHeaders(${args(spec.headers)})`] : []),
    ...(spec.expose.length > 0 ? [`.exposedHeaders(${args(spec.expose)})`] : []),
  ];
  chain[chain.length - 1] = chain[chain.length - 1]!.replace(/^(\.[^/]*?)( \/\/.*)?$/, '$1;$2');
  return [
    ...intro(
      '//',
      spec,
      'src/main/java/com/example/WebConfig.java',
      'replace your addCorsMappings and any @CrossOrigin on the controllers (with Spring Security, use the spring-security snippet instead).',
    ),
    `package com.example; // ${placeholder('your package')}`,
    '',
    'import org.springframework.context.annotation.Configuration;',
    'import org.springframework.web.servlet.config.annotation.CorsRegistry;',
    'import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;',
    '',
    '@Configuration',
    'public class WebConfig implements WebMvcConfigurer {',
    '    @Override',
    '    public void addCorsMappings(CorsRegistry registry) {',
    `        registry.addMapping(${q(`${scopeOf(spec)}/**`)})`,
    ...chain.map((l) => `            ${l}`),
    '    }',
    '}',
    ...advice('//', spec, {
      'preflight-status': [
        'A servlet Filter or HandlerInterceptor that checks the login must let preflights through first:',
        'if (CorsUtils.isPreFlightRequest(request)) { return true; } // in preHandle (chain.doFilter(...) in a Filter)',
      ],
      'preflight-redirect': 'Call the exact URL the controller maps (https, no extra trailing slash): a redirect fails the preflight.',
      'redirect-escape': 'API calls: answer 401 (response.sendError(401)) instead of "redirect:/login".',
      'duplicate-origin': '…and remove the CORS headers the proxy or gateway adds (Spring skips its own when one is already set).',
    }),
  ].join('\n');
}

/** Spring Boot's session cookie properties; Java properties values need no quoting for a token. */
export function sessionCookieProperties(k: CookieSpec): string[] {
  return [
    `server.servlet.session.cookie.name=${k.name}`,
    `server.servlet.session.cookie.same-site=${k.sameSite.toLowerCase()}`,
    'server.servlet.session.cookie.secure=true',
    'server.servlet.session.cookie.http-only=true',
    `server.servlet.session.cookie.path=${k.path}`,
  ];
}

function cookie(k: CookieSpec): string {
  return [
    '# In src/main/resources/application.properties (Spring Boot, servlet session cookie):',
    ...sessionCookieProperties(k),
    '# a cookie set by hand:',
    `# ResponseCookie.from(${q(k.name)}, value).path(${q(k.path)}).secure(true).httpOnly(true).sameSite(${q(k.sameSite)})${k.partitioned ? '.partitioned(true)' : ''}.build()`,
  ].join('\n');
}

export const render = renderer('#', cors, cookie);
