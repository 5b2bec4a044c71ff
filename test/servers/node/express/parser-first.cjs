// Express + cors: express.json() is registered before cors(), so a body it rejects (here a
// malformed one) is answered 400 by the parser's error path before cors() has set any header, and
// the page sees a CORS error instead of the 400.
const express = require('express');
const cors = require('cors');

const app = express();
app.use(express.json());
// >>> cors setup
app.use(cors({ origin: process.env.APP_ORIGIN, credentials: true }));
// <<< cors setup

app.post('/api/comments', (req, res) => res.status(201).json({ id: 1 }));

app.listen(Number(process.env.PORT), '127.0.0.1');
