// Express + cors: one API, four calls from the page, and a cors() that knows only the origin (no
// credentials, the defaults for the rest). Each call fails its own way, and each call's own fix
// would list only its own method and headers: pasting one breaks another.
const express = require('express');
const cors = require('cors');

const app = express();
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN, allowedHeaders: ['Content-Type'] }));
// <<< cors setup
app.use(express.json());

app.post('/api/login', (req, res) => res.json({ ok: true }));
app.get('/api/me', (req, res) => res.json({ user: 'ada' }));
app.put('/api/profile', (req, res) => res.json({ saved: true }));
app.get('/api/cart', (req, res) => res.json({ items: [] }));

app.listen(Number(process.env.PORT), '127.0.0.1');
