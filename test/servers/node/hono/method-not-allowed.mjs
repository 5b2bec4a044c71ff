// Hono + hono/cors: origin and credentials are right, but `allowMethods` lists GET and POST only,
// so the preflight for a PATCH does not allow it.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();
// >>> cors setup
app.use('/api/*', cors({ origin: process.env.APP_ORIGIN, credentials: true, allowMethods: ['GET', 'POST'] }));
// <<< cors setup

app.patch('/api/profile', (c) => c.json({ saved: true }));

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
