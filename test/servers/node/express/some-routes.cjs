// Express + cors: cors() is mounted on /api/public only; /api/account answers without any CORS
// header, and its error handler adds none either.
const express = require('express');
const cors = require('cors');

const app = express();
// >>> cors setup
app.use('/api/public', cors({ origin: process.env.APP_ORIGIN, credentials: true }));
// <<< cors setup

app.get('/api/public/news', (req, res) => res.json({ news: [] }));
app.get('/api/account', (req, res, next) => next(new Error('account service down')));
app.use((err, req, res, next) => res.status(500).json({ error: err.message }));

app.listen(Number(process.env.PORT), '127.0.0.1');
