// Hono + hono/cors: the origin is listed but `credentials: true` is missing.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();
// >>> cors setup
app.use('/api/*', cors({ origin: process.env.APP_ORIGIN }));
// <<< cors setup

app.get('/api/cart', (c) => c.json({ items: [] }));

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
