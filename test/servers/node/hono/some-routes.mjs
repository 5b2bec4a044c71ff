// Hono + hono/cors: cors() covers /api/public/* only; /api/account answers with no CORS header.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();
// >>> cors setup
app.use('/api/public/*', cors({ origin: process.env.APP_ORIGIN, credentials: true }));
// <<< cors setup

app.get('/api/public/news', (c) => c.json({ news: [] }));
app.get('/api/account', (c) => c.json({ plan: 'free' }));

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
