// The Node snippets are pasted over an app's existing cors setup, so they must not declare
// anything the app already has (`const cors = require('cors')` twice stops node with "Identifier
// 'cors' has already been declared"), must parse as JavaScript, and must name the exact origins.
// test/servers/node proves them on real servers; this checks every spec shape cheaply.
import { Script } from 'node:vm';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { Problem, SnippetSpec } from './plan';
import * as express from './stacks/express';
import * as fastify from './stacks/fastify';
import * as hono from './stacks/hono';
import * as koa from './stacks/koa';
import { OPENING, PLACEHOLDER_ORIGIN } from './stacks/shared';

const PROBLEMS: Problem[] = [
  'allow-origin',
  'duplicate-origin',
  'allow-credentials',
  'preflight-status',
  'preflight-redirect',
  'redirect-escape',
  'redirect-credentials',
  'allow-methods',
  'allow-headers',
  'vary',
];
const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const spec: fc.Arbitrary<SnippetSpec> = fc.record({
  kind: fc.constant('cors' as const),
  origins: fc.uniqueArray(fc.constantFrom('http://localhost:5173', 'https://app.example.com', 'https://a.example.org:8443'), { maxLength: 3 }),
  credentials: fc.boolean(),
  methods: fc.uniqueArray(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'QUERY'), { maxLength: 3 }),
  headers: fc.uniqueArray(token, { maxLength: 3 }),
  expose: fc.uniqueArray(token, { maxLength: 2 }),
  problems: fc.uniqueArray(fc.constantFrom(...PROBLEMS), { minLength: 1, maxLength: 3 }),
  paths: fc.uniqueArray(fc.constantFrom('/', '/me', '/api/me', '/v1/orders/7'), { minLength: 1, maxLength: 2 }),
});

const STACKS = { express, fastify, koa, hono };

test('every Node snippet is one call that parses, names the exact origins and declares nothing', () => {
  fc.assert(
    fc.property(spec, (s) => {
      for (const [id, { render }] of Object.entries(STACKS)) {
        const text = render(s);
        // Compiles (never runs): a snippet that is not JavaScript cannot be pasted.
        expect(() => new Script(text), `${id}:\n${text}`).not.toThrow();
        const code = text.split('\n').filter((l) => !l.trimStart().startsWith('//'));
        expect(text.split('\n')[0], id).toMatch(OPENING);
        expect(code.join('\n'), id).not.toMatch(/\b(require\(|import\b|const |let |var )/);
        for (const o of s.origins.length > 0 ? s.origins : [PLACEHOLDER_ORIGIN]) expect(code.join('\n'), id).toContain(JSON.stringify(o));
        expect(code.join('\n'), id).not.toMatch(/origin: (true|'\*'|"\*"|\[?"\*")/);
        expect(
          code.some((l) => l.includes('credentials: true')),
          id,
        ).toBe(s.credentials);
      }
    }),
  );
});

test('Fastify lists the origins in an array, the form for which @fastify/cors sends Vary: Origin', () => {
  const text = fastify.render({
    kind: 'cors',
    origins: ['https://app.example.com'],
    credentials: true,
    methods: ['PATCH'],
    headers: [],
    expose: [],
    problems: ['allow-methods'],
    paths: ['/api/me'],
  });
  expect(text).toContain('origin: ["https://app.example.com"],');
  expect(text).toContain('methods: ["GET", "POST", "PATCH"],');
});

test('Koa checks several origins in a function that answers only listed ones', () => {
  const text = koa.render({
    kind: 'cors',
    origins: ['https://a.example', 'https://b.example'],
    credentials: true,
    methods: [],
    headers: [],
    expose: [],
    problems: ['allow-origin'],
    paths: ['/'],
  });
  expect(text).toContain(`origin: (ctx) => (["https://a.example", "https://b.example"].includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),`);
});
