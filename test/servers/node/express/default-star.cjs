// Express + cors with its defaults: `Access-Control-Allow-Origin: *`, which a credentialed
// request can never use (expressjs/cors README, "Configuring CORS"; Fetch standard, CORS check).
const express = require('express');
const cors = require('cors');

const app = express();
// >>> cors setup
app.use(cors());
// <<< cors setup

app.get('/api/me', (req, res) => res.json({ user: 'ada' }));

app.listen(Number(process.env.PORT), '127.0.0.1');
