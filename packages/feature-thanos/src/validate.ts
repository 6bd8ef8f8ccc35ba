import { yamlReadsAsNonString, type ValuesProblem } from '@sccp/core';
import type { ThanosValues } from './values.generated';

const UNIT_MS: Record<string, number> = { y: 365 * 86400e3, w: 7 * 86400e3, d: 86400e3, h: 3600e3, m: 60e3, s: 1e3, ms: 1 };

/** Milliseconds of a Prometheus duration (1y2w, 30d, 40h, 0); undefined when it cannot be read. */
export function durationMs(s: string): number | undefined {
  if (s === '0') return 0;
  if (!/^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$/.test(s) || s === '') return undefined;
  let total = 0;
  for (const [, n, unit] of s.matchAll(/([0-9]+)(ms|y|w|d|h|m|s)/g)) total += Number(n) * UNIT_MS[unit];
  return total;
}

/**
 * The compactor's own start-up checks (cmd/thanos/compact.go, downsampling on): a non-zero raw
 * retention below 40h, or a non-zero 5m retention below 10 days, makes it exit.
 */
export const MIN_RAW_MS = 40 * 3600e3;
export const MIN_FIVE_MINUTES_MS = 10 * 86400e3;

/** Characters Kubernetes allows in a Secret data key. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

export function validateValues(values: ThanosValues): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  const r = values.compactor?.retention ?? {};
  const raw = r.raw !== undefined ? durationMs(r.raw) : undefined;
  const five = r.fiveMinutes !== undefined ? durationMs(r.fiveMinutes) : undefined;
  if (raw && raw < MIN_RAW_MS) {
    problems.push({ pointer: '/compactor/retention/raw', message: `raw retention ${r.raw} is below 40h: the compactor refuses to start (5m downsampling needs 40h of raw data); use at least 40h, or 0d to keep raw data forever` });
  }
  if (five && five < MIN_FIVE_MINUTES_MS) {
    problems.push({ pointer: '/compactor/retention/fiveMinutes', message: `5m retention ${r.fiveMinutes} is below 10d: the compactor refuses to start (1h downsampling needs 10 days of 5m data); use at least 10d, or 0d to keep it forever` });
  }
  // The thanos chart writes `secretName: {{ include "thanos.objstoreConfigSecretName" . }}` unquoted
  // (templates/*/statefulset.yaml of 1.23.0): a name such as 8 or yes reaches the API server as a
  // number or a boolean, and the StatefulSets are refused.
  const name = values.objstore?.existingSecret?.name;
  if (name !== undefined && yamlReadsAsNonString(name)) {
    problems.push({ pointer: '/objstore/existingSecret/name', message: `Secret name "${name}" is read by YAML as ${/^[-+0-9.]/.test(name) ? 'a number' : 'a boolean or null'}: the thanos chart writes it unquoted, so its StatefulSets would be refused; use a name with a letter, e.g. thanos-objstore` });
  }
  const key = values.objstore?.existingSecret?.key;
  if (key !== undefined && !SECRET_KEY.test(key)) {
    problems.push({ pointer: '/objstore/existingSecret/key', message: `"${key}" is not a valid Secret key (letters, digits, '-', '_' and '.')` });
  }
  return problems;
}
