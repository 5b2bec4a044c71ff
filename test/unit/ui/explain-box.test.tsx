// @vitest-environment happy-dom
// The panel's "Explain an error" box: a pasted console text answered with the same explain() as
// the command line; hostile pastes (HTML, control characters, huge text) stay text.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderPanel } from './harness';

afterEach(cleanup);
// The first import() transforms explain() and its patterns for the test run, which can outlast
// findBy's wait on a loaded machine; once loaded, every question's import() answers at once.
beforeAll(() => import('../../../src/ui/ExplainAnswer'));

/** The answer to `text`: it renders once explain() has loaded (the panel loads it on the first question). */
function ask(text: string): Promise<HTMLElement> {
  fireEvent.input(screen.getByTestId('explain-input'), { target: { value: text } });
  fireEvent.click(screen.getByTestId('explain-run'));
  return screen.findByTestId('explain-answer');
}

describe('Explain an error', () => {
  it('answers a paraphrase with the rule, the stage, the question for origin and URL, and placeholder header lines', async () => {
    renderPanel();
    const answer = await ask("Preflight response for a credentialed request is missing the 'Access-Control-Allow-Credentials' header.");
    expect(within(answer).getByTestId('explain-rule').textContent).toContain('allow-credentials');
    expect(answer.textContent).toContain('the preflight (OPTIONS) response');
    expect(answer.textContent).toContain("The text does not give the page's origin and the request URL");
    expect(answer.textContent).toContain('Access-Control-Allow-Origin: <your page origin>');
  });

  it('reads the values of a whole Chromium line, and uses the stack chosen in the panel', async () => {
    const { store } = renderPanel({ prefs: { 'cors.stack': 'express' } });
    await waitFor(() => expect(store.stack.value).toBe('express'));
    const answer = await ask(
      "Access to fetch at 'https://api.example.net/me' from origin 'https://app.example.com' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
    );
    expect(answer.textContent).toContain('wildcard-origin');
    expect(answer.textContent).toContain('https://api.example.net/me');
    expect(answer.textContent).toContain('Access-Control-Allow-Origin: https://app.example.com');
    expect(answer.textContent).not.toContain('<your page origin>');
    expect(answer.querySelector('pre.snippet')!.textContent).toContain('app.use(cors({');
  });

  it('says so for text it does not know', async () => {
    renderPanel();
    expect((await ask('TypeError: Failed to fetch')).textContent).toContain('Not a CORS console sentence I know');
  });

  it('renders hostile pastes as text: HTML stays text, control characters become marks, a huge paste is cut', async () => {
    renderPanel();
    // Formatting tags (<b>, <strong>) are paste damage and go; other markup is the value's own text.
    const answer = await ask(
      "<img src=x onerror=\"globalThis.hacked=1\"> The 'Access-Control-Allow-Origin' header contains the invalid value '<svg onload=globalThis.hacked=1>bold\u0007\u202e'.",
    );
    expect(answer.querySelector('img, script, svg')).toBeNull();
    expect(answer.textContent).toContain('<svg onload=globalThis.hacked=1>bold');
    expect(answer.textContent).not.toMatch(/[\u0007\u202e]/);
    expect(answer.textContent).toContain('U+202E');
    expect((globalThis as { hacked?: number }).hacked).toBeUndefined();
    const huge = await ask(`${'<script>'.repeat(100_000)} No 'Access-Control-Allow-Origin' header is present on the requested resource.`);
    expect(huge.querySelector('script')).toBeNull();
    expect(huge.textContent).toContain('Not a CORS console sentence I know');
  });

  it("names an older wording's era, shows Firefox's follow-up line with its error, and the page-side alternative where it is honest", async () => {
    renderPanel();
    const old = await ask(
      "<strong>XMLHttpRequest cannot load https://api.example.net/me. A wildcard '*' cannot be used in the 'Access-Control-Allow-Origin' header when the credentials flag is true. Origin 'https://app.example.com' is therefore not allowed access.</strong>",
    );
    expect(old.textContent).toContain('as Chrome before');
    expect(within(old).getByTestId('explain-client').textContent).toContain("credentials: 'same-origin'");
    const blocked = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.net/me. (Reason: ';
    const firefox = await ask(
      `${blocked}CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.\n${blocked}CORS request did not succeed). Status code: (null).`,
    );
    expect(within(firefox).getAllByTestId('explain-error')).toHaveLength(1);
    expect(within(firefox).getByTestId('explain-follow-up').textContent).toContain('CORS request did not succeed');
    expect(within(firefox).queryByTestId('explain-client')).toBeNull();
  });
});
