// TEMPORARY: stands in for src/core/validate until the validator lands (then this file goes).
import type { Finding, RequestRecord } from '../../src/core/types';
export function validate(_record: RequestRecord): Finding[] {
  return [];
}
