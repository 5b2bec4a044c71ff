// Hono + hono/cors: `allowHeaders` names Content-Type only, and the page sends X-CSRF-Token too,
// so the preflight's Access-Control-Allow-Headers does not cover it.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();
// >>> cors setup
app.use('/api/*', cors({ origin: process.env.APP_ORIGIN, credentials: true, allowHeaders: ['Content-Type'] }));
// <<< cors setup

app.post('/api/orders', (c) => c.json({ id: 1 }, 201));

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
