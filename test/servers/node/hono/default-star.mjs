// Hono + hono/cors with its defaults: `Access-Control-Allow-Origin: *`, which a credentialed
// request can never use (Hono docs, CORS middleware: origin defaults to '*').
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();
// >>> cors setup
app.use('/api/*', cors());
// <<< cors setup

app.get('/api/me', (c) => c.json({ user: 'ada' }));

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
