// Express + cors: `allowedHeaders` lists Content-Type only, and the page sends X-CSRF-Token, so
// the preflight's Access-Control-Allow-Headers does not cover it.
const express = require('express');
const cors = require('cors');

const app = express();
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN, credentials: true, allowedHeaders: ['Content-Type'] }));
// <<< cors setup
app.use(express.json());

app.post('/api/orders', (req, res) => res.status(201).json({ id: 1 }));

app.listen(Number(process.env.PORT), '127.0.0.1');
