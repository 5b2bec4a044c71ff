// The server stacks we write snippets for, with their UI labels, in the order the UI lists them.
// One file per stack, each exporting render(spec).
import type { StackId } from '../../types';
import type { FixSpec, SnippetSpec } from '../plan';
import { cookieSnippets } from '../../cookies/fix';
import type { CorsSpec } from '../merge';
import * as apache from './apache';
import * as aspnet from './aspnet';
import * as caddy from './caddy';
import * as django from './django';
import * as express from './express';
import * as fastapi from './fastapi';
import * as fastify from './fastify';
import * as flask from './flask';
import * as go from './go';
import * as hono from './hono';
import * as koa from './koa';
import * as laravel from './laravel';
import * as nestjs from './nestjs';
import * as nextjs from './nextjs';
import * as nginx from './nginx';
import * as rails from './rails';
import * as spring from './spring';
import * as springSecurity from './spring-security';

export const STACKS: readonly { id: StackId; label: string }[] = [
  { id: 'express', label: 'Express' },
  { id: 'fastify', label: 'Fastify' },
  { id: 'koa', label: 'Koa' },
  { id: 'hono', label: 'Hono' },
  { id: 'nestjs', label: 'NestJS' },
  { id: 'nextjs', label: 'Next.js' },
  { id: 'nginx', label: 'nginx' },
  { id: 'apache', label: 'Apache httpd' },
  { id: 'caddy', label: 'Caddy' },
  { id: 'django', label: 'Django' },
  { id: 'flask', label: 'Flask' },
  { id: 'fastapi', label: 'FastAPI' },
  { id: 'rails', label: 'Rails' },
  { id: 'go', label: 'Go (rs/cors)' },
  { id: 'spring', label: 'Spring MVC' },
  { id: 'spring-security', label: 'Spring Security' },
  { id: 'aspnet', label: 'ASP.NET Core' },
  { id: 'laravel', label: 'Laravel' },
];

const RENDER: Record<StackId, (spec: SnippetSpec) => string> = {
  express: express.render,
  fastify: fastify.render,
  koa: koa.render,
  hono: hono.render,
  nestjs: nestjs.render,
  nextjs: nextjs.render,
  nginx: nginx.render,
  apache: apache.render,
  caddy: caddy.render,
  django: django.render,
  flask: flask.render,
  fastapi: fastapi.render,
  rails: rails.render,
  go: go.render,
  spring: spring.render,
  'spring-security': springSecurity.render,
  aspnet: aspnet.render,
  laravel: laravel.render,
};

/** One stack's snippet for a fix's spec ('' when the cure has no stack form). */
export function renderSnippet(spec: FixSpec | CorsSpec, stack: StackId): string {
  if ('kind' in spec && spec.kind === 'cookie') return spec.name === '' ? '' : cookieSnippets(spec)[stack];
  return RENDER[stack]('origins' in spec ? singleOrigin(spec) : (spec as SnippetSpec));
}

/** Until every renderer reads `origins`: a merged spec rendered for its first origin. */
function singleOrigin(spec: CorsSpec): SnippetSpec {
  return { origin: spec.origins[0] ?? '', credentials: spec.credentials, methods: spec.methods, headers: spec.headers, problem: spec.problems[0] ?? 'allow-origin', path: spec.paths[0] ?? '/' };
}

/** Every stack's snippet, keyed by stack (the `snippets` of `cors/findings` replies). */
export function snippets(spec: FixSpec | CorsSpec): Record<StackId, string> {
  const out = {} as Record<StackId, string>;
  for (const { id } of STACKS) out[id] = renderSnippet(spec, id);
  return out;
}
