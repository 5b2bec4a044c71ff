// The lab's one-API page (lab/one-api.ts): each request fails its own way, and only the page's
// own origin is ever named (never `*`, never an echo of another Origin).
import { describe, expect, it } from 'vitest';
import { ONE_API_PATH, oneApiAnswer, oneApiPage, oneApiRequests } from '../../lab/one-api';

const PAGE = 'http://localhost:4000';
const answer = (method: string, id: string, origin: string | undefined = PAGE) =>
  oneApiAnswer(method, `${ONE_API_PATH}${oneApiRequests.find((r) => r.id === id)!.path}`, origin, PAGE)!;

describe('the one-API lab page', () => {
  it('fails each request its own way', () => {
    expect(answer('GET', 'me').headers['Access-Control-Allow-Credentials']).toBeUndefined();
    expect(answer('OPTIONS', 'put').headers['Access-Control-Allow-Methods']).toBe('GET, POST');
    expect(answer('OPTIONS', 'post').headers['Access-Control-Allow-Headers']).toBe('Content-Type');
    const auth = answer('OPTIONS', 'account');
    expect(auth.status).toBe(401);
    expect(auth.headers['Access-Control-Allow-Origin']).toBeUndefined();
    expect(answer('GET', 'later').headers['Access-Control-Allow-Credentials']).toBeUndefined();
  });

  it('names only the page origin', () => {
    for (const r of oneApiRequests)
      for (const method of ['OPTIONS', r.method]) {
        expect(answer(method, r.id, 'http://evil.example').headers['Access-Control-Allow-Origin']).toBeUndefined();
        expect([undefined, PAGE]).toContain(answer(method, r.id).headers['Access-Control-Allow-Origin']);
      }
    expect(oneApiAnswer('GET', '/one-api/nothing', PAGE, PAGE)).toBeUndefined();
    expect(oneApiAnswer('GET', '/s/me', PAGE, PAGE)).toBeUndefined();
  });

  it('puts no raw < from its data into the page script', () => {
    expect(oneApiPage('http://127.0.0.1:1</script><script>x')).not.toContain('</script><script>x');
  });
});
