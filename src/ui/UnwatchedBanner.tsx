// Requests the page made before the extension was listening (a page loaded as the browser or the
// extension started): the page hook saw them go out, but the browser's events for them came before
// any listener, so nothing is known of their outcome. Say so, name them, and what to do: a reload
// makes them again, watched. Method and URL are network values: rendered as text only.
import type { Unwatched } from '../messages';

const what = (n: number) => (n === 1 ? '1 request was' : `${n} requests were`);

export function UnwatchedBanner({ unwatched }: { unwatched: Unwatched | null }) {
  if (!unwatched || unwatched.count < 1) return null;
  const more = unwatched.count - unwatched.requests.length;
  return (
    <details class="access-banner" data-testid="unwatched">
      <summary>
        {what(unwatched.count)} made before the extension was listening (it was starting): not checked. Reload the page to check{' '}
        {unwatched.count === 1 ? 'it' : 'them'}.
      </summary>
      <ul class="unwatched-list">
        {unwatched.requests.map((r, i) => (
          <li key={i} data-testid="unwatched-request">
            <code>{r.method}</code> {r.url}
          </li>
        ))}
        {more > 0 && <li>and {more} more</li>}
      </ul>
    </details>
  );
}
