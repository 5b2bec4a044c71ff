// Fastify + @fastify/cors: the origin is listed but `credentials: true` is missing.
import Fastify from 'fastify';
import cors from '@fastify/cors';

const fastify = Fastify();
// >>> cors setup
await fastify.register(cors, { origin: process.env.APP_ORIGIN });
// <<< cors setup

fastify.get('/api/cart', async () => ({ items: [] }));

await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
