// Express + cors: origin and credentials are right, but `methods` lists GET and POST only, so the
// preflight for a PATCH does not allow it.
const express = require('express');
const cors = require('cors');

const app = express();
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN, credentials: true, methods: ['GET', 'POST'] }));
// <<< cors setup
app.use(express.json());

app.patch('/api/profile', (req, res) => res.json({ saved: true }));

app.listen(Number(process.env.PORT), '127.0.0.1');
