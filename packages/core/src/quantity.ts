/** Kubernetes quantities as numbers, to compare LimitRange entries (approximate for huge values). */

const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The value of a quantity such as 500m, 2, 1.5Gi or 1e3; undefined when it is not one. */
export function parseQuantity(q: string): number | undefined {
  const m = /^[+]?([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|e[0-9]+)?$/.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  const s = m[2] ?? '';
  return s.startsWith('e') ? n * 10 ** Number(s.slice(1)) : n * SUFFIX[s];
}
