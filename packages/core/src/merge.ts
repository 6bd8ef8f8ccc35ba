const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Deep-merge mappings; lists and scalars of later layers replace earlier ones. Inputs are not modified. */
export function deepMerge<T>(...layers: unknown[]): T {
  let out: unknown = undefined;
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (isPlain(out) && isPlain(layer)) {
      const merged: Record<string, unknown> = { ...out };
      for (const [k, v] of Object.entries(layer)) merged[k] = k in merged ? deepMerge(merged[k], v) : structuredClone(v);
      out = merged;
    } else out = structuredClone(layer);
  }
  return out as T;
}
