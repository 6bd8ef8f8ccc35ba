import type { JsonSchema } from './schema';

/** Names shown for shared definitions, which the table does not expand. */
const SHARED: Record<string, string> = {
  dnsLabel: 'DNS label',
  hostname: 'host name',
  cidr: 'CIDR',
  addressRange: 'address range',
  quantity: 'quantity',
  resources: 'resources',
  resourceList: 'cpu/memory',
  secretKeyRef: 'Secret reference',
  storage: 'storage (size, storageClass)',
  placement: 'placement (nodeSelector, tolerations)',
  ingress: 'ingress (enabled, host, tls)',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();
const code = (v: unknown) => '`' + JSON.stringify(v) + '`';

function refName(node: JsonSchema): string | undefined {
  return typeof node.$ref === 'string' ? node.$ref.replace(/^.*#\/\$defs\//, '') : undefined;
}

function typeOf(node: JsonSchema, root: JsonSchema): string {
  const ref = refName(node);
  if (ref && SHARED[ref]) return SHARED[ref];
  if (ref) return typeOf({ ...root.$defs?.[ref], ...node, $ref: undefined }, root);
  if (node.enum) return node.enum.map((e: unknown) => code(e)).join(' | ');
  if (node.const !== undefined) return code(node.const);
  if (node.type === 'array') return `list of ${node.items ? typeOf(node.items, root) : 'values'}`;
  if (node.type === 'object' && !node.properties && node.additionalProperties) return `map of ${typeof node.additionalProperties === 'object' ? typeOf(node.additionalProperties, root) : 'values'}`;
  const t = Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
  if (node.format) return `${t} (${node.format})`;
  if (node.minimum !== undefined || node.maximum !== undefined) return `${t} ${node.minimum ?? ''}..${node.maximum ?? ''}`;
  return t;
}

function at(obj: unknown, path: string[]): unknown {
  let v: any = obj;
  for (const p of path) v = v && typeof v === 'object' ? v[p] : undefined;
  return v;
}

/**
 * The values table of a feature README, generated from its (bundled) schema: key, type, default
 * (with profile overrides), description. Shared definitions are named, not expanded; list items
 * are shown as `key[].field`.
 */
export function valuesTable(bundled: JsonSchema, defaults: unknown, profiles: Record<string, unknown> = {}): string {
  const rows: string[] = ['| key | type | default | description |', '|---|---|---|---|'];
  const walk = (node: JsonSchema, path: string[], display: string, required: boolean, inList: boolean) => {
    const ref = refName(node);
    const resolved = ref && !SHARED[ref] ? { ...bundled.$defs?.[ref], ...node, $ref: undefined } : node;
    if (display) {
      const def = inList ? resolved.default : at(defaults, path);
      const fromProfiles = inList
        ? []
        : Object.entries(profiles)
            .map(([p, v]) => [p, at(v, path)] as const)
            .filter(([, v]) => v !== undefined && typeof v !== 'object');
      const dflt = def !== undefined && (typeof def !== 'object' || Array.isArray(def)) ? code(def) : required ? 'required' : def !== undefined ? 'see below' : 'unset';
      const prof = fromProfiles.length ? ` (${fromProfiles.map(([p, v]) => `${p}: ${code(v)}`).join(', ')})` : '';
      rows.push(`| \`${display}\` | ${cell(typeOf(node, bundled))} | ${cell(dflt + prof)} | ${cell(resolved.description ?? '')} |`);
    }
    if (ref && SHARED[ref]) return;
    if (resolved.type === 'object' && resolved.properties) {
      for (const [k, child] of Object.entries(resolved.properties as Record<string, JsonSchema>)) {
        walk(child, [...path, k], display ? `${display}.${k}` : k, (resolved.required ?? []).includes(k), inList);
      }
    } else if (resolved.type === 'array' && resolved.items) {
      const items = refName(resolved.items) && !SHARED[refName(resolved.items)!] ? { ...bundled.$defs?.[refName(resolved.items)!] } : resolved.items;
      if (items.type === 'object' && items.properties) {
        for (const [k, child] of Object.entries(items.properties as Record<string, JsonSchema>)) {
          walk(child, [...path, '[]', k], `${display}[].${k}`, (items.required ?? []).includes(k), true);
        }
      }
    }
  };
  walk(bundled, [], '', false, false);
  return rows.join('\n') + '\n';
}

export const VALUES_START = '<!-- values-table: generated from schema.json by `npm run generate`; do not edit -->';
export const VALUES_END = '<!-- /values-table -->';

/** Replace the generated block in a README (or the whole `## Values` section on first run). */
export function withValuesTable(readme: string, table: string): string {
  const block = `${VALUES_START}\n${table}${VALUES_END}`;
  const s = readme.indexOf(VALUES_START);
  const e = readme.indexOf(VALUES_END);
  if (s >= 0 && e > s) return readme.slice(0, s) + block + readme.slice(e + VALUES_END.length);
  const h = readme.search(/^## Values\s*$/m);
  if (h < 0) return readme.trimEnd() + `\n\n## Values\n\n${block}\n`;
  const after = readme.slice(h).split('\n');
  let end = after.findIndex((l, i) => i > 0 && /^## /.test(l));
  if (end < 0) end = after.length;
  return readme.slice(0, h) + `## Values\n\n${block}\n` + (end < after.length ? '\n' + after.slice(end).join('\n') : '');
}
