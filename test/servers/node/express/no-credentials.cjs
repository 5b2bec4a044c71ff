// Express + cors: the origin is listed, but `credentials: true` is missing, so no
// `Access-Control-Allow-Credentials: true` and Chromium refuses the credentialed call.
const express = require('express');
const cors = require('cors');

const app = express();
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN }));
// <<< cors setup

app.get('/api/cart', (req, res) => res.json({ items: [] }));

app.listen(Number(process.env.PORT), '127.0.0.1');
