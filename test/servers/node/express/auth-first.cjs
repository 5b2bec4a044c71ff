// Express + cors: the bearer-token check is registered before cors(), so the preflight (which
// never carries the Authorization header) is answered 401 and Chromium stops there.
const express = require('express');
const cors = require('cors');

const app = express();
app.use(express.json());
app.use((req, res, next) => {
  if (!req.get('authorization')) return res.status(401).json({ error: 'login required' });
  next();
});
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN, credentials: true }));
// <<< cors setup

app.put('/api/profile', (req, res) => res.json({ saved: true }));

app.listen(Number(process.env.PORT), '127.0.0.1');
