import type { ValuesProblem } from './contract';
import { parseQuantity } from './quantity';
import type { JsonSchema } from './schema';
import { toPointer } from './source';

/** The shared definition of a container's requests and limits (schemas/defs.json), or its copy in a bundled schema. */
const RESOURCES_REF = /^(https:\/\/sccp\.dev\/schemas\/defs\.json)?#\/\$defs\/resources$/;

/**
 * Requests above their limit, wherever a feature's values hold a `resources` (schemas/defs.json): the
 * API server refuses such a Pod template ("must be less than or equal to cpu limit"), which a schema
 * cannot say. Walks the values along the schema (properties, maps, arrays, the schema's own $defs).
 */
export function resourceProblems(schema: JsonSchema, values: unknown): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  const walk = (node: JsonSchema | undefined, value: unknown, path: (string | number)[], depth: number): void => {
    if (!node || typeof node !== 'object' || value === null || typeof value !== 'object' || depth > 32) return;
    if (typeof node.$ref === 'string') {
      if (RESOURCES_REF.test(node.$ref)) return check(value as Record<string, unknown>, path);
      const local = /^#\/\$defs\/(.+)$/.exec(node.$ref);
      if (local) walk(defs[local[1]], value, path, depth + 1);
    }
    for (const branch of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])]) walk(branch, value, path, depth + 1);
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(node.items, item, [...path, i], depth + 1));
      return;
    }
    const props = (node.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const sub = props[key] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      walk(sub, child, [...path, key], depth + 1);
    }
  };
  const check = (r: Record<string, unknown>, path: (string | number)[]) => {
    const requests = (r.requests ?? {}) as Record<string, unknown>;
    const limits = (r.limits ?? {}) as Record<string, unknown>;
    for (const [name, request] of Object.entries(requests)) {
      const limit = limits[name];
      if (typeof request !== 'string' || typeof limit !== 'string') continue;
      const [req, lim] = [parseQuantity(request), parseQuantity(limit)];
      if (req !== undefined && lim !== undefined && req > lim) {
        problems.push({ pointer: toPointer([...path, 'requests', name]), message: `requests.${name} ${request} is more than limits.${name} ${limit}: the API server refuses a request above its limit` });
      }
    }
  };
  walk(schema, values, [], 0);
  return problems;
}
