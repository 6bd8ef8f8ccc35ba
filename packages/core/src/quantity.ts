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

const DECIMAL_EXPONENT: Record<string, number> = { m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_POWER: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/**
 * Whether a quantity is a whole number (of bytes, pods...), computed exactly as the API server does
 * (it warns on "fractional byte value" memory and refuses a fractional pod count): 1.5Gi and 2e3
 * are whole, 100m and 0.5 are not. False when it is not a quantity.
 */
export function isWholeQuantity(q: string): boolean {
  const m = /^[+]?([0-9]*)(?:\.([0-9]*))?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|e[0-9]+)?$/.exec(q);
  if (!m || !/[0-9]/.test(`${m[1]}${m[2] ?? ''}`)) return false;
  const fraction = m[2] ?? '';
  const digits = BigInt(`${m[1]}${fraction}` || '0');
  const suffix = m[3] ?? '';
  if (suffix in BINARY_POWER) return (digits * 2n ** BigInt(BINARY_POWER[suffix])) % 10n ** BigInt(fraction.length) === 0n;
  const exponent = (suffix.startsWith('e') ? Number(suffix.slice(1)) : DECIMAL_EXPONENT[suffix]) - fraction.length;
  return exponent >= 0 || digits % 10n ** BigInt(-exponent) === 0n;
}
