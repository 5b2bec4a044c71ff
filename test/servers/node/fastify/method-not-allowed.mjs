// Fastify + @fastify/cors: origin and credentials are right, but the plugin's default methods
// (GET, HEAD, POST) leave out PATCH, so the preflight does not allow it.
import Fastify from 'fastify';
import cors from '@fastify/cors';

const fastify = Fastify();
// >>> cors setup
await fastify.register(cors, { origin: process.env.APP_ORIGIN, credentials: true });
// <<< cors setup

fastify.patch('/api/profile', async () => ({ saved: true }));

await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
