// One block of headers ("Response headers", …) with the offending header, or its absence, marked.
import type { HeaderLine } from '../core/types';
import { isSecretHeader, MASK } from './format';
import { Text } from './Text';

export interface HeaderListProps {
  title: string;
  status?: number;
  headers: readonly HeaderLine[];
  /** Lower-case name of the header the finding is about, on this block. */
  offending?: string;
  note?: string;
}

export function HeaderList({ title, status, headers, offending, note }: HeaderListProps) {
  const hit = offending ? headers.some((h) => h.name.toLowerCase() === offending) : false;
  return (
    <section class="headers" aria-label={title}>
      <h3>
        {title}
        {status !== undefined && <span class="status-code"> {status}</span>}
        {note && <span class="note"> {note}</span>}
      </h3>
      <div class="header-lines" role="list">
        {headers.map((h, i) => {
          const bad = offending !== undefined && h.name.toLowerCase() === offending;
          return (
            <div role="listitem" key={i} class={bad ? 'header-line offending' : 'header-line'} data-testid={bad ? 'offending-header' : undefined}>
              <span class="hname">
                <Text value={h.name} />
              </span>
              <span class="sep">: </span>
              <span class="hvalue">{isSecretHeader(h.name) ? <span class="masked">{MASK}</span> : <Text value={h.value} />}</span>
              {bad && <span class="badge-bad">the cause</span>}
            </div>
          );
        })}
        {offending && !hit && (
          <div role="listitem" class="header-line offending missing" data-testid="offending-header">
            <span class="hname">{offending}</span>
            <span class="sep">: </span>
            <span class="hvalue absent">(not sent: this is the cause)</span>
          </div>
        )}
        {!headers.length && !offending && <div class="header-line none">(none)</div>}
      </div>
    </section>
  );
}
