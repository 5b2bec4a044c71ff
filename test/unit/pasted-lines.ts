// The console lines people pasted in public threads (test/fixtures/pasted-lines.json), the
// damage a paste suffers, and which rules an answer may name, shared by the explain tests.
import { readFileSync } from 'node:fs';
import { PATTERNS } from '../../src/core/pasted/sentences';

export interface PastedLine {
  source: string;
  engine: 'chromium' | 'firefox' | 'webkit';
  era: 'current' | 'old';
  /** Per error, in order, the rules its words can mean; [] when no rule can be named. */
  errors: string[][];
  text: string;
}

export const PASTED: PastedLine[] = (JSON.parse(readFileSync('test/fixtures/pasted-lines.json', 'utf8')) as { lines: PastedLine[] }).lines;

/** Every rule a wording (of any engine) that can mean `rule` names: what its words may be read as. */
export function family(rule: string): string[] {
  return [...new Set(PATTERNS.filter((p) => p.rules.includes(rule)).flatMap((p) => p.rules))];
}

/** One kind of paste damage, seen in the threads of pasted-lines.json. */
export type Damage = (text: string) => string;

const QUOTE_SWAP: Record<string, string> = { "'": '’', '’': "'", '‘': "'", '"': '”', '”': '"', '“': '"' };

export const DAMAGES: Record<string, Damage> = {
  'quotes swapped': (t) => t.replace(/['’‘"”“]/g, (q) => QUOTE_SWAP[q]!),
  'quotes made backticks': (t) => t.replace(/['’‘]/g, '`'),
  'Markdown code span': (t) => `\`${t}\``,
  'Markdown code fence': (t) => `\`\`\`\n${t}\n\`\`\``,
  'HTML from a page': (t) => `<p><strong>${t.replace(/'/g, '&#39;').replace(/"/g, '&quot;')}</strong></p>`,
  'final full stop lost': (t) => t.replace(/[.]\s*$/, ''),
  'closing parenthesis and stop lost': (t) => t.replace(/\)?\.?\s*$/, ''),
  'wrapped at 40 columns': (t) => wrap(t, 40),
  'URL broken by a wrap': (t) => t.replace(/(https?:\/\/[^\s'‘’"]{6})([^\s'‘’"]+)/, '$1\n$2'),
  'wrapped after a hyphen': (t) => t.replace('Access-Control-', 'Access-Control-\n'),
  'quoted in a reply': (t) =>
    t
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n'),
  'header names capitalised': (t) =>
    t.replace(
      /(header field |token ['‘’`]?|header ['‘’`])([a-z][a-z-]*)/g,
      (_m, a: string, h: string) => a + h.replace(/(^|-)([a-z])/g, (_x, d: string, c: string) => d + c.toUpperCase()),
    ),
};

/** Lines broken at the last space before `width`, as a terminal or a mail client does. */
export function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let rest = line;
      while (rest.length > width) {
        const at = rest.lastIndexOf(' ', width);
        if (at <= 0) break;
        out.push(rest.slice(0, at));
        rest = rest.slice(at + 1);
      }
      return [...out, rest].join('\n');
    })
    .join('\n');
}
