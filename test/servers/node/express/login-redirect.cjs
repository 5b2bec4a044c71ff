// Express + cors: a session check registered before cors() sends every request without
// credentials to the login page, the preflight (no cookies, no Authorization) included, and
// Chromium refuses a redirected preflight.
const express = require('express');
const cors = require('cors');

const app = express();
app.use((req, res, next) => {
  if (req.path !== '/login' && !req.get('authorization')) return res.redirect('/login');
  next();
});
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN, credentials: true }));
// <<< cors setup

app.get('/login', (req, res) => res.send('<form>login</form>'));
app.delete('/api/sessions/:id', (req, res) => res.json({ ended: true }));

app.listen(Number(process.env.PORT), '127.0.0.1');
