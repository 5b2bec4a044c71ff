// Hono + hono/cors: bearerAuth() is registered before cors(), so the preflight (no Authorization
// header) is answered 401 by the auth middleware.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { cors } from 'hono/cors';

const app = new Hono();
app.use('/api/*', bearerAuth({ token: 't0ken' }));
// >>> cors setup
app.use('/api/*', cors({ origin: process.env.APP_ORIGIN, credentials: true }));
// <<< cors setup

app.put('/api/profile', (c) => c.json({ saved: true }));

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
