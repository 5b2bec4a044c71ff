// Express + cors: the README's "enable pre-flight" line copied alone. cors() with its defaults
// answers only OPTIONS (with `*`), and the PUT itself gets no CORS header at all, so fixing the
// preflight alone is not enough (expressjs/cors README, "Enabling CORS Pre-Flight").
const express = require('express');
const cors = require('cors');

const app = express();
// >>> cors setup
app.options('/{*splat}', cors());
// <<< cors setup
app.use(express.json());

app.put('/api/settings', (req, res) => res.json({ saved: true }));

app.listen(Number(process.env.PORT), '127.0.0.1');
