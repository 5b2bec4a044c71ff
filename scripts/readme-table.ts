// The README's "What it recognises" table, generated from the rules so it cannot drift.
// `npx tsx scripts/readme-table.ts` prints it; test/unit/readme.test.ts checks README.md holds it.
import { rules } from '../src/core/rules/index';

export function failureTable(): string {
  const rows = rules.map((r) => {
    const codes = [...new Set(r.stages.map((s) => (s === 'preflight' ? r.code.preflight : r.code.other)))];
    const stages = r.stages.join(', ');
    return `| ${r.severity === 'error' ? 'blocked' : 'advice'} | ${r.summary} | ${stages} | ${codes.map((c) => `\`${c}\``).join(', ')} | \`${r.id}\` |`;
  });
  return ['| verdict | cause | stage | Chromium `CorsError` | rule |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(failureTable());
