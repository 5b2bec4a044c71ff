// The server stacks we write snippets for, with their UI labels, in the order the UI lists them.
// One file per stack, each exporting render(spec) for both kinds of spec (a CORS change, a
// cookie's attributes): adding a stack is one file here, its test and one line in each list below.
import type { StackId } from '../../types';
import type { FixSpec } from '../plan';
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

const RENDER: Record<StackId, (spec: FixSpec) => string> = {
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

/** The one way a snippet is made: from a finding's (or a server's merged) spec, where it is shown. */
export function renderSnippet(spec: FixSpec, stack: StackId): string {
  return RENDER[stack](spec);
}

/** Every stack's snippet, keyed by stack (for messages and exports that carry all of them). */
export function snippets(spec: FixSpec): Record<StackId, string> {
  const out = {} as Record<StackId, string>;
  for (const { id } of STACKS) out[id] = RENDER[id](spec);
  return out;
}
