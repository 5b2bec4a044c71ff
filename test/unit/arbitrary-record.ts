// Random realistic request records (a real page origin, token methods and header names), for
// the property tests of the validator's fixes and of explain().
import fc from 'fast-check';

const APP = 'https://app.example.com';
const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
const value = fc.oneof(
  fc.constantFrom('*', APP, `${APP}/`, 'null', '', 'true', 'True', 'true, true', 'PUT', 'put', 'GET, POST', '*', 'content-type', 'x-a, *', 'Origin', '/next'),
  fc.string({ maxLength: 16 }),
);
const name = fc.constantFrom(
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Vary',
  'Location',
  'Content-Type',
);
const response = fc.record({
  status: fc.constantFrom(200, 204, 302, 307, 401, 404, 500),
  headers: fc.array(fc.record({ name, value }), { maxLength: 6 }),
});
export const record = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'patch'), token),
  origin: fc.constantFrom(APP, 'http://localhost:3000'),
  credentials: fc.constantFrom('include', 'omit', 'same-origin'),
  initiator: fc.constantFrom('fetch', 'xmlhttprequest'),
  requestHeaders: fc.array(
    fc.record({
      name: fc.oneof(fc.constantFrom('Content-Type', 'Authorization', 'X-CSRF-Token'), token),
      value: fc.constantFrom('application/json', 'text/plain', 'x'),
    }),
    { maxLength: 3 },
  ),
  hops: fc.array(
    fc.record(
      {
        url: fc.constantFrom('https://api.example.com/a', 'https://api.example.com/b', 'https://login.example.net/login', `${APP}/api`),
        preflight: response,
        response,
      },
      { requiredKeys: ['url'] },
    ),
    { minLength: 1, maxLength: 3 },
  ),
});
