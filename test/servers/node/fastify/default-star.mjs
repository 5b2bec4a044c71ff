// Fastify + @fastify/cors with its defaults: `Access-Control-Allow-Origin: *`, which a credentialed
// request can never use (@fastify/cors README, "Options": origin defaults to '*').
import Fastify from 'fastify';
import cors from '@fastify/cors';

const fastify = Fastify();
// >>> cors setup
await fastify.register(cors);
// <<< cors setup

fastify.get('/api/me', async () => ({ user: 'ada' }));

await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
