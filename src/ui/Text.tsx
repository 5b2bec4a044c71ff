// Network text as inert text: Preact escapes it; invisible and direction-changing characters are
// shown as ⟨U+XXXX⟩ marks; the whole run is a <bdi> so it cannot reorder what is around it; very
// long values are cut for display with a "show all" button.
import { useState } from 'preact/hooks';
import { visibleParts } from './format';

export const DISPLAY_LIMIT = 2048;

export function Text({ value, limit = DISPLAY_LIMIT }: { value: string; limit?: number }) {
  const [all, setAll] = useState(false);
  const cut = !all && value.length > limit;
  const shown = cut ? value.slice(0, limit) : value;
  return (
    <>
      <bdi class="text">
        {visibleParts(shown).map((p, i) =>
          p.control ? (
            <span key={i} class="ctl" title={`Invisible character U+${p.code}`}>
              {p.text}
            </span>
          ) : (
            p.text
          ),
        )}
      </bdi>
      {cut && (
        <>
          <span class="cut">… </span>
          <button type="button" class="link" onClick={() => setAll(true)}>
            show all ({formatSize(value.length)})
          </button>
        </>
      )}
    </>
  );
}

function formatSize(chars: number): string {
  return chars >= 1024 ? `${Math.round(chars / 1024)} KB` : `${chars} characters`;
}
