import * as fs from 'node:fs';
import * as path from 'node:path';

export type JsonSchema = Record<string, any>;

export const DEFS_ID = 'https://sccp.dev/schemas/defs.json';

let defsCache: JsonSchema | undefined;
/** The shared definitions every feature schema may `$ref` as `https://sccp.dev/schemas/defs.json#/$defs/<name>`. */
export function sharedDefs(): JsonSchema {
  defsCache ??= JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'schemas', 'defs.json'), 'utf8'));
  return defsCache!;
}

/** Read and parse a feature's schema.json. */
export function loadSchema(file: string): JsonSchema {
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof schema !== 'object' || schema === null || schema.type !== 'object') {
    throw new Error(`${file}: a feature schema must be a JSON Schema of type "object"`);
  }
  return schema;
}

/**
 * Make a schema self-contained: shared-def references become `#/$defs/<name>`, local `#/$defs/x`
 * references become `#/$defs/<prefix>x` so several schemas can be hoisted into one document.
 * Returns the rewritten schema (without $defs) and the $defs it needs.
 */
export function hoist(schema: JsonSchema, prefix = ''): { schema: JsonSchema; defs: Record<string, JsonSchema> } {
  const shared = sharedDefs().$defs as Record<string, JsonSchema>;
  const defs: Record<string, JsonSchema> = {};
  const needShared = new Set<string>();
  const rewrite = (node: any, local: boolean): any => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, local));
    if (!node || typeof node !== 'object') return node;
    const out: any = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        if (v.startsWith(DEFS_ID + '#/$defs/')) {
          const name = v.slice(DEFS_ID.length + '#/$defs/'.length);
          if (!shared[name]) throw new Error(`unknown shared definition "${name}" in ${v}`);
          needShared.add(name);
          out[k] = `#/$defs/${name}`;
        } else if (v.startsWith('#/$defs/')) {
          const name = v.slice('#/$defs/'.length);
          if (local) out[k] = `#/$defs/${prefix}${name}`;
          else {
            needShared.add(name);
            out[k] = v;
          }
        } else throw new Error(`unsupported $ref "${v}": use ${DEFS_ID}#/$defs/<name> or #/$defs/<name>`);
      } else if (k === '$defs' || k === '$id' || k === '$schema') {
        continue;
      } else out[k] = rewrite(v, local);
    }
    return out;
  };
  const body = rewrite(schema, true);
  for (const [name, def] of Object.entries((schema.$defs ?? {}) as Record<string, JsonSchema>)) {
    defs[prefix + name] = rewrite(def, true);
  }
  // shared defs reference each other: close over them
  for (let pending = [...needShared]; pending.length; pending = [...needShared].filter((n) => !defs[n])) {
    for (const name of pending) defs[name] = rewrite(shared[name], false);
  }
  return { schema: body, defs: sortKeys(defs) };
}

/** A feature schema as one self-contained document (for Helm's values.schema.json and type generation). */
export function bundle(schema: JsonSchema, title?: string): JsonSchema {
  const { schema: body, defs } = hoist(schema);
  const out: JsonSchema = { $schema: 'http://json-schema.org/draft-07/schema#', ...body };
  if (title) out.title = title;
  if (Object.keys(defs).length) out.$defs = defs;
  return out;
}

/** Resolve a local `#/$defs/x` reference against a bundled root. */
function deref(node: JsonSchema, root: JsonSchema): JsonSchema {
  let n = node;
  for (let i = 0; i < 16 && n && typeof n.$ref === 'string'; i++) {
    n = { ...root.$defs?.[n.$ref.slice('#/$defs/'.length)], ...Object.fromEntries(Object.entries(n).filter(([k]) => k !== '$ref')) };
  }
  return n;
}

/**
 * The values a schema's `default` keywords describe: nested object properties contribute their
 * defaults, so the schema alone is the source of a feature's defaults.
 */
export function schemaDefaults(bundled: JsonSchema, node: JsonSchema = bundled): unknown {
  const n = deref(node, bundled);
  if (n.type === 'object' && n.properties) {
    const own = n.default && typeof n.default === 'object' ? structuredClone(n.default) : undefined;
    const out: Record<string, unknown> = own ?? {};
    for (const [k, child] of Object.entries(n.properties as Record<string, JsonSchema>)) {
      if (k in out) continue;
      const v = schemaDefaults(bundled, child);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length || own ? out : undefined;
  }
  return n.default === undefined ? undefined : structuredClone(n.default);
}

export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as any)[k])]),
    ) as T;
  }
  return value;
}
