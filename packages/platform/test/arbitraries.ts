/**
 * fast-check arbitraries for platform.yaml documents, built from the composed schema and the
 * registry of built-in features rather than from a hand-written list of keys:
 *
 * - `fromSchema(node)` draws a value of any JSON Schema node the composed schema uses (enums,
 *   bounded integers, booleans, the custom formats, patterns, objects with optional keys, maps,
 *   arrays); it is how every feature's values are generated.
 * - `validPlatform` draws a whole document that must build: profile, IP families with node networks
 *   of those families, a feature subset closed over `dependsOn` and filtered by `supportedProfiles`,
 *   admission kyverno/gatekeeper/none with enforcement, policy packs and exceptions taken from the
 *   policy catalog of what is enabled, tenants with random valid names. Rules JSON Schema cannot
 *   express (each checked by a feature's `validate()`, a render or a guardrail) are repaired after
 *   drawing, in `RULES` below; each repair names the check it satisfies.
 * - `mutatedPlatform` takes a valid document and breaks it: deletions, values of the wrong type,
 *   schema-valid values drawn anew somewhere else (which exercise the semantic checks), unknown
 *   keys, duplicated list items, features switched on or off, and edits of the YAML text.
 * - `oneFieldChanged` sets one field of a valid document, any field the schema has, to any value
 *   the schema allows: only the semantic checks may reject it, and they must do so cleanly.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { FORMATS, createAjv, deepMerge, parseQuantity, resourceProblems, yamlReadsAsNonString, type Capabilities, type Feature, type IpFamily, type JsonSchema, type PlatformInfo, type Profile } from '@sccp/core';
import { NAME_LABEL, POD_SECURITY_PREFIX, QUOTA_REQUEST_LIMITS, RESERVED_NAMESPACES, RESERVED_TENANTS, TENANT_LABEL } from '@sccp/feature-tenants/dist/constants';
import { NAMED_QUOTA_KEYS } from '@sccp/feature-tenants/dist/objects/guardrails';
import { quotaKeyProblem, wholeQuotaResource } from '@sccp/feature-tenants/dist/quota-keys';
import { inClusterAlias, reservedNamespace } from '@sccp/feature-tenants/dist/destinations';
import { forbiddenKindsAllowedBy } from '@sccp/feature-tenants/dist/forbidden-kinds';
import { ADMISSION_CONTROLLERS, controllerRuns, policySources, type AdmissionController } from '../src/admission';
import { policyCatalog } from '../src/catalog';
import { composeSchema } from '../src/compose';
import { builtinRegistry } from '../src/features';
import { BUILTIN_PACK_PACKAGES } from '../src/packs';

export const registry = builtinRegistry();
/** The composed platform schema: what `sccp schema` prints. */
export const SCHEMA: JsonSchema = composeSchema(registry.list());
const TOP = SCHEMA.properties as Record<string, JsonSchema>;

type Json = any;
type Gen = fc.GeneratorValue;
const draw = <T>(g: Gen, arb: fc.Arbitrary<T>): T => g(() => arb);

export function deref(node: JsonSchema): JsonSchema {
  let n = node;
  for (let i = 0; i < 16 && n && typeof n.$ref === 'string'; i++) {
    const { $ref, ...rest } = n;
    n = { ...SCHEMA.$defs[$ref.slice('#/$defs/'.length)], ...rest };
  }
  return n;
}

/** The schema node of a path into platform.yaml (`*` or a number: an array item); undefined where the schema has none. */
export function schemaAt(segments: (string | number)[]): JsonSchema | undefined {
  let n: JsonSchema | undefined = SCHEMA;
  for (const seg of segments) {
    n = deref(n!);
    if (n.properties && typeof seg === 'string' && n.properties[seg]) n = n.properties[seg];
    else if (n.items && (typeof seg === 'number' || seg === '*')) n = n.items;
    else if (n.additionalProperties && typeof n.additionalProperties === 'object' && typeof seg === 'string') n = n.additionalProperties;
    else return undefined;
  }
  return n && deref(n);
}

// ---------------------------------------------------------------------------------------------
// Leaves

export const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { maxLength: 63 });
/** Mostly short labels, sometimes the longest allowed. */
export const shortLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/);
export const dnsSubdomain = fc
  .array(fc.oneof({ weight: 4, arbitrary: shortLabel }, { weight: 1, arbitrary: dnsLabel }), { minLength: 1, maxLength: 4 })
  .map((l) => l.join('.'))
  .filter((s) => FORMATS['dns-subdomain'].test(s));
export const quantity = fc
  .oneof(
    fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'Ti')).map(([n, s]) => `${n}${s}`),
    fc.stringMatching(/^[+]?([0-9]{1,4}(\.[0-9]{0,3})?|\.[0-9]{1,3})(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|e[0-9])?$/),
  )
  .filter((s) => FORMATS['k8s-quantity'].test(s));
/** Whole numbers of bytes: mostly integers with a suffix, sometimes a decimal that is still whole (1.5Gi). */
export const bytes = fc
  .oneof(
    fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'Ti')).map(([n, s]) => `${n}${s}`),
    quantity,
  )
  .filter((s) => FORMATS['k8s-bytes'].test(s));
/** Label names: mostly short, sometimes with '_' and '.', or with a DNS subdomain prefix (keys). */
const labelName = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/);
export const labelKey = fc
  .tuple(fc.option(dnsSubdomain, { freq: 3 }), labelName)
  .map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name))
  .filter((s) => FORMATS['k8s-label-key'].test(s));
export const labelValue = fc.oneof(fc.constant(''), labelName).filter((s) => FORMATS['k8s-label-value'].test(s));
/** ResourceQuota keys: standard ones, hugepages, object counts, extended resources (quotaKeyProblem). */
const quotaKey = fc
  .oneof(
    fc.constantFrom('secrets', 'configmaps', 'services', 'requests.ephemeral-storage', 'limits.ephemeral-storage', 'hugepages-2Mi', 'requests.hugepages-1Gi'),
    shortLabel.map((r) => `count/${r}`),
    fc.tuple(fc.constantFrom('', 'requests.'), dnsSubdomain, labelName).map(([p, d, n]) => `${p}${d}/${n}`),
  )
  .filter((k) => !quotaKeyProblem(k));
const futureDate = fc
  .tuple(fc.integer({ min: 2090, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const httpsUrl = fc.tuple(dnsSubdomain, fc.stringMatching(/^(\/[A-Za-z0-9._~-]{1,12}){0,3}$/)).map(([h, p]) => `https://${h}${p}`);
const email = fc.tuple(shortLabel, shortLabel).map(([u, d]) => `${u}@${d}.example.com`);

const MAX_INT = 0x7fffffff;

export interface WalkOptions {
  /** Pointers (relative to the node walked) left out: their value is generated by a rule, or left to the default. */
  skip?: (pointer: string) => boolean;
}

/**
 * An arbitrary for the values a schema node allows. Undefined when it cannot draw one (a format
 * that depends on context, such as a CIDR of the platform's families).
 */
export function fromSchema(node: JsonSchema, opts: WalkOptions = {}, pointer = '', depth = 0): fc.Arbitrary<Json> | undefined {
  if (opts.skip?.(pointer) || depth > 12) return undefined;
  const n = deref(node);
  if ('const' in n) return fc.constant(n.const);
  if (Array.isArray(n.enum)) return fc.constantFrom(...n.enum);
  if (Array.isArray(n.oneOf)) {
    const alts = n.oneOf.map((a: JsonSchema) => fromSchema(a, opts, pointer, depth + 1)).filter((a: unknown): a is fc.Arbitrary<Json> => !!a);
    return alts.length ? fc.oneof(...alts) : undefined;
  }
  switch (n.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = n.minimum ?? 0;
      const max = Math.min(n.maximum ?? min + 5, MAX_INT);
      return fc.integer({ min, max });
    }
    case 'string':
      return stringArb(n);
    case 'array': {
      const items = n.items ? fromSchema(n.items, opts, `${pointer}/*`, depth + 1) : undefined;
      if (!items) return undefined;
      const minLength = n.minItems ?? 0;
      const maxLength = Math.min(n.maxItems ?? minLength + 3, minLength + 3);
      return n.uniqueItems ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, { minLength, maxLength });
    }
    case 'object': {
      if (n.properties) {
        const model: Record<string, fc.Arbitrary<Json>> = {};
        for (const [k, child] of Object.entries(n.properties as Record<string, JsonSchema>)) {
          const a = fromSchema(child, opts, `${pointer}/${k}`, depth + 1);
          if (a) model[k] = a;
        }
        // a required key left to a rule (skipped) is added by the rule
        const required: string[] = n.required ?? [];
        if (required.some((k) => !model[k] && !opts.skip?.(`${pointer}/${k}`))) return undefined;
        let rec: fc.Arbitrary<Json> = fc.record(model, { requiredKeys: required.filter((k) => model[k]) });
        if (n.minProperties) rec = rec.filter((o) => Object.keys(o as object).length >= n.minProperties);
        // conditions between keys (if/then, as a toleration's): only the records the node accepts
        if (n.allOf) rec = rec.filter(accepts(n));
        // a container's resources: no request above its limit (resourceProblems, as the API server checks)
        if (model.requests && model.limits && Object.keys(model).length === 2) rec = rec.filter((r) => !resourceProblems(RESOURCES, r).length);
        return rec;
      }
      if (n.additionalProperties && typeof n.additionalProperties === 'object') {
        const value = fromSchema(n.additionalProperties, opts, `${pointer}/{}`, depth + 1);
        if (!value) return undefined;
        const key = n.propertyNames ? stringArb({ type: 'string', ...n.propertyNames }) ?? shortLabel : shortLabel;
        return fc.dictionary(key, value, { maxKeys: 3 });
      }
      return fc.constant({});
    }
    default:
      return undefined;
  }
}

const RESOURCES: JsonSchema = { $ref: 'https://sccp.dev/schemas/defs.json#/$defs/resources' };
const validators = new Map<JsonSchema, (v: Json) => boolean>();
/** A validator of one (dereferenced) schema node, compiled once. */
function accepts(n: JsonSchema): (v: Json) => boolean {
  if (!validators.has(n)) {
    const validate = createAjv().compile({ ...n, $defs: SCHEMA.$defs });
    validators.set(n, (v) => validate(v) as boolean);
  }
  return validators.get(n)!;
}

const strings = new Map<string, fc.Arbitrary<string> | undefined>();
/** Building a pattern's arbitrary is costly (fast-check precomputes its shrinking slices): one per pattern. */
function stringArb(n: JsonSchema): fc.Arbitrary<string> | undefined {
  const key = JSON.stringify([n.format, n.pattern, n.minLength, n.maxLength]);
  if (!strings.has(key)) strings.set(key, buildStringArb(n));
  return strings.get(key);
}

function buildStringArb(n: JsonSchema): fc.Arbitrary<string> | undefined {
  const minLength = n.minLength ?? 0;
  const maxLength = n.maxLength ?? Infinity;
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  switch (n.format) {
    case 'dns-label':
      return dnsLabel.filter(fits);
    case 'dns-subdomain':
      return dnsSubdomain.filter(fits);
    case 'k8s-quantity':
      return quantity;
    case 'k8s-bytes':
      return bytes;
    case 'class-name':
      return dnsSubdomain.filter((x) => fits(x) && FORMATS['class-name'].test(x));
    case 'k8s-label-key':
      return labelKey;
    case 'k8s-label-value':
      return labelValue;
    case 'date':
      return futureDate;
    case 'email':
      return email;
    case 'uri':
      return httpsUrl;
    case 'cidr':
    case 'address-range':
      return undefined; // depends on the platform's IP families: drawn by the rules
  }
  if (n.pattern) {
    const re = new RegExp(n.pattern);
    return fc.stringMatching(simplify(n.pattern), n.maxLength !== undefined ? { maxLength: n.maxLength } : {}).filter((s) => fits(s) && re.test(s));
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, Math.max(minLength, 24)) });
}

/** Characters a pattern's classes are drawn from: printable ASCII, tab, newline and two non-ASCII letters. */
const ALPHABET = [...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)), '\t', '\n', 'é', '日'];
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The same pattern with negated classes and \s, \S, \w, \d as explicit classes over ALPHABET:
 * fast-check draws those by rejection over all of Unicode, which is slow; the strings drawn still
 * match the original pattern.
 */
export function simplify(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && /[sSwWdD]/.test(pattern[i + 1] ?? '')) {
      const re = new RegExp(`^\\${pattern[i + 1]}$`);
      out += `[${ALPHABET.filter((a) => re.test(a)).map(escapeChar).join('')}]`;
      i++;
    } else if (c === '\\') {
      out += c + pattern[++i];
    } else if (c === '[') {
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      const cls = pattern.slice(i, j + 1);
      if (/^\[\^|\\[sSwWdD]/.test(cls)) {
        const re = new RegExp(`^${cls}$`);
        out += `[${ALPHABET.filter((a) => re.test(a)).map(escapeChar).join('')}]`;
      } else out += cls;
      i = j;
    } else out += c;
  }
  return new RegExp(out);
}

// ---------------------------------------------------------------------------------------------
// Platform context and the rules JSON Schema cannot express

interface NodeNet {
  family: IpFamily;
  cidr: string;
  /** The k-th of 15 disjoint small ranges inside the network (k = 1..15), as a CIDR or a first-last range. */
  block(k: number, asRange: boolean): string;
  /** An address inside block k. */
  address(k: number): string;
}

function nodeNet(family: IpFamily, a: number, b: number): NodeNet {
  if (family === 'IPv4') {
    const base = `10.${a}.${b}`;
    return {
      family,
      cidr: `${base}.0/24`,
      block: (k, asRange) => (asRange ? `${base}.${k * 16 + 1}-${base}.${k * 16 + 14}` : `${base}.${k * 16}/28`),
      address: (k) => `${base}.${k * 16 + 5}`,
    };
  }
  const base = `fd${a.toString(16).padStart(2, '0')}:${b.toString(16)}`;
  return {
    family,
    cidr: `${base}::/64`,
    block: (k, asRange) => (asRange ? `${base}::${k.toString(16)}01-${base}::${k.toString(16)}fe` : `${base}::${k.toString(16)}00/120`),
    address: (k) => `${base}::${k.toString(16)}05`,
  };
}

export interface Ctx {
  name: string;
  domain: string;
  profile: Profile;
  families: IpFamily[];
  nets: Partial<Record<IpFamily, NodeNet>>;
  production: boolean;
  admission: AdmissionController;
  /** Enabled features (admission controller included). */
  enabled: Set<string>;
  signedCommits: boolean;
  /** Capabilities of the features whose values are drawn already (drawn in RULE_ORDER). */
  provides: Capabilities;
  /** MetalLB pools drawn so far: name → families. */
  pools: { name: string; families: IpFamily[] }[];
  /** Next free block index per family (pools and addresses never overlap). */
  nextBlock: Record<IpFamily, number>;
}

const info = (c: Ctx): PlatformInfo => ({
  name: c.name,
  domain: c.domain,
  profile: c.profile,
  production: c.production,
  ipFamilies: c.families,
  nodeCidrs: Object.values(c.nets).map((n) => n!.cidr),
  repo: { url: 'https://git.example.com/x.git', revision: 'main', path: '.' },
});

const feature = (name: string): Feature => registry.features.get(name)!;
/** Values as the platform merges them: schema defaults ← profile ← platform.yaml. */
export const effective = (name: string, profile: Profile, v: Json): Json => {
  const f = feature(name);
  return deepMerge(f.defaults, f.profiles?.[profile] ?? {}, v);
};
const valuesSchema = (name: string): JsonSchema => deref(TOP.features.properties[name].properties.values);
const sub = (name: string, ...path: string[]) => schemaAt(['features', name, 'values', ...path])!;
const under = (prefixes: string[]) => (p: string) => prefixes.some((x) => p === x || p.startsWith(x + '/'));
const obj = (v: Json, key: string): Json => (v[key] ??= {});

/** Production platforms serve every ingress with TLS (guardrail sccp-production-ingress-tls). */
function tlsEverywhere(v: Json): void {
  if (!v || typeof v !== 'object') return;
  for (const [k, child] of Object.entries(v)) {
    if (k === 'ingress' && child && typeof child === 'object' && (child as Json).tls === false) (child as Json).tls = true;
    tlsEverywhere(child);
  }
}

interface Rule {
  /** Pointers (relative to the feature's values) not drawn from the schema. */
  skip?: string[];
  /** Repair or complete the drawn values (mutates `v`). */
  fix?(v: Json, c: Ctx, g: Gen): void;
}

const PGP = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBGZ0ZXN0AQgAfuzzed\n=test\n-----END PGP PUBLIC KEY BLOCK-----\n';

export const RULES: Record<string, Rule> = {
  argocd: {
    skip: ['/gpg'],
    fix(v, c, g) {
      const e = effective('argocd', c.profile, v);
      // validate(): the local admin disabled needs dex
      if (e.admin?.enabled === false && !e.dex?.enabled) obj(v, 'dex').enabled = true;
      // guardrail sccp-production-redundancy
      if (c.production) v.ha = true;
      // requireSignedCommits needs at least one key (load.ts signedCommitProblems)
      if (c.signedCommits) v.gpg = { keys: { [draw(g, fc.stringMatching(/^[0-9A-F]{16}$/))]: PGP } };
    },
  },
  'cert-manager': {
    skip: ['/ca/duration', '/maxCertificateDuration', '/acme/server', '/acme/email'],
    fix(v, c, g) {
      // validate(): certificates of at least 1h, and the CA outlives the leaves it signs
      if (draw(g, fc.boolean())) {
        const max = draw(g, fc.integer({ min: 1, max: 20000 }));
        v.maxCertificateDuration = `${max}h`;
        obj(v, 'ca').duration = `${max + draw(g, fc.integer({ min: 1, max: 200000 }))}h`;
      }
      // validate(): an ACME account needs an email
      if (effective('cert-manager', c.profile, v).issuer === 'acme') obj(v, 'acme').email = draw(g, email);
    },
  },
  gatekeeper: {
    fix(v, c) {
      // validate(): minAvailable below replicas
      const e = effective('gatekeeper', c.profile, v);
      if (e.podDisruptionBudget.minAvailable >= e.replicas) obj(v, 'podDisruptionBudget').minAvailable = e.replicas - 1;
    },
  },
  grafana: {
    fix(v, c) {
      // validate(): the password key differs from the user key
      const s = effective('grafana', c.profile, v).admin.existingSecret;
      if (s.userKey === s.passwordKey) obj(obj(v, 'admin'), 'existingSecret').passwordKey = `${s.userKey}.pw`;
    },
  },
  loki: {
    skip: ['/retention', '/s3'],
    fix(v, c, g) {
      // validate(): retention of at least 24h (pattern ^[1-9][0-9]{0,5}(h|d|w)$)
      if (draw(g, fc.boolean()))
        v.retention = draw(g, fc.oneof(fc.integer({ min: 24, max: 999999 }).map((n) => `${n}h`), fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.constantFrom('d', 'w')).map(([n, u]) => `${n}${u}`)));
      const e = effective('loki', c.profile, v);
      // validate(): s3 needs endpoint, bucket and secret
      if (e.storage.type === 's3') {
        const s3 = draw(g, fromSchema(sub('loki', 's3'))!) as Json;
        for (const k of ['endpoint', 'bucket', 'secret']) s3[k] ??= draw(g, fromSchema(sub('loki', 's3', k))!);
        v.s3 = s3;
      }
      // validate() and render: more than one replica needs object storage
      const filesystem = e.storage.type === 'filesystem' || (e.storage.type === 'auto' && !c.provides.objectStorage);
      if (filesystem && e.replicas > 1) v.replicas = 1;
    },
  },
  metallb: {
    skip: ['/pools', '/advertisement/bgp/peers'],
    fix(v, c, g) {
      // validate(): unique pool names, ranges of the platform's families that do not overlap and,
      // in L2 mode, lie inside a node network
      const n = draw(g, fc.integer({ min: 0, max: 3 }));
      const names = draw(g, fc.uniqueArray(dnsLabel, { minLength: n, maxLength: n }));
      const extra = fromSchema(sub('metallb', 'pools', '*'), { skip: under(['/name', '/addresses']) })!;
      const pools = names.map((name) => {
        const fams = draw(g, fc.subarray(c.families, { minLength: 1 }));
        const addresses = fams.map((f) => c.nets[f]!.block(c.nextBlock[f]++, draw(g, fc.boolean())));
        c.pools.push({ name, families: fams });
        return { ...(draw(g, extra) as Json), name, addresses };
      });
      if (pools.length || draw(g, fc.boolean())) v.pools = pools;
      // validate(): BGP needs at least one peer, with unique names and an IP address
      if (effective('metallb', c.profile, v).advertisement.mode === 'bgp') {
        const peer = fromSchema(sub('metallb', 'advertisement', 'bgp', 'peers', '*'), { skip: under(['/name', '/peerAddress']) })!;
        const k = draw(g, fc.integer({ min: 1, max: 2 }));
        const peerNames = draw(g, fc.uniqueArray(dnsLabel, { minLength: k, maxLength: k }));
        const address = fc.oneof(fc.ipV4(), fc.ipV6());
        obj(obj(v, 'advertisement'), 'bgp').peers = peerNames.map((name) => ({ ...(draw(g, peer) as Json), name, peerAddress: draw(g, address) }));
      }
    },
  },
  prometheus: {
    skip: ['/retentionSize', '/externalLabels'],
    fix(v, c, g) {
      // validate(): external labels other than the reserved ones
      if (draw(g, fc.boolean())) {
        const labels = draw(g, fromSchema(sub('prometheus', 'externalLabels'))!) as Record<string, string>;
        v.externalLabels = Object.fromEntries(Object.entries(labels).filter(([k]) => !['cluster', 'prometheus', 'prometheus_replica'].includes(k) && !k.startsWith('__')));
      }
      // guardrail sccp-production-redundancy
      if (c.production && effective('prometheus', c.profile, v).replicas < 2) v.replicas = 2;
    },
  },
  'rook-ceph': {
    fix(v, c) {
      const s = obj(v, 'storage');
      // validate(): a storage node listed once
      if (Array.isArray(s.nodes)) s.nodes = s.nodes.filter((n: Json, i: number) => s.nodes.findIndex((m: Json) => m.name === n.name) === i);
      let e = effective('rook-ceph', c.profile, v);
      // validate(): listed nodes only without useAllNodes, and some node to store on
      if (e.storage.nodes.length && e.storage.useAllNodes) s.useAllNodes = false;
      if (!e.storage.nodes.length && !e.storage.useAllNodes) s.nodes = [{ name: 'storage-1' }];
      // validate(): deviceFilter is ignored with useAllDevices
      if (e.storage.useAllDevices && e.storage.deviceFilter) s.deviceFilter = '';
      // validate(): an odd number of monitors; guardrail: 3 on production
      let mons = e.mon.count;
      if (mons % 2 === 0) mons -= 1;
      if (c.production && mons < 3) mons = 3;
      if (mons !== e.mon.count) obj(v, 'mon').count = mons;
      e = effective('rook-ceph', c.profile, v);
      // validate(): failure domain host needs a node per replica
      if (e.failureDomain === 'host' && !e.storage.useAllNodes) {
        for (const pool of ['blockPool', 'filesystem', 'objectStore']) if (e[pool].replicas > e.storage.nodes.length) obj(v, pool).replicas = e.storage.nodes.length;
      }
      // validate(): a storage class per pool
      const classes = [e.blockPool.storageClass, e.filesystem.enabled && e.filesystem.storageClass, e.objectStore.enabled && e.objectStore.storageClass].filter(Boolean);
      if (new Set(classes).size !== classes.length) {
        obj(v, 'blockPool').storageClass = 'sc-block';
        obj(v, 'filesystem').storageClass = 'sc-filesystem';
        obj(v, 'objectStore').storageClass = 'sc-bucket';
      }
      // validate(): the dashboard ingress needs the dashboard
      if (e.dashboard.ingress.enabled && e.dashboard.enabled === false) obj(v, 'dashboard').enabled = true;
    },
  },
  tenants: {
    skip: ['/tenants'],
    fix(v, c, g) {
      const n = draw(g, fc.integer({ min: 0, max: 4 }));
      if (n || draw(g, fc.boolean())) v.tenants = tenants(g, c, n);
    },
  },
  thanos: {
    skip: ['/compactor/retention/raw', '/compactor/retention/fiveMinutes', '/objstore'],
    fix(v, c, g) {
      // validate(): raw retention of 0 or at least 40h, 5m retention of 0 or at least 10d
      if (draw(g, fc.boolean())) obj(obj(v, 'compactor'), 'retention').raw = draw(g, fc.oneof(fc.constant('0d'), fc.integer({ min: 40, max: 99999 }).map((h) => `${h}h`), fc.integer({ min: 2, max: 9999 }).map((d) => `${d}d`)));
      if (draw(g, fc.boolean())) obj(obj(v, 'compactor'), 'retention').fiveMinutes = draw(g, fc.oneof(fc.constant('0d'), fc.integer({ min: 10, max: 9999 }).map((d) => `${d}d`), fc.integer({ min: 2, max: 99 }).map((w) => `${w}w`)));
      // render: object storage from rook-ceph, or an existing Secret (with a valid Secret key)
      if (!c.provides.objectStorage || draw(g, fc.boolean())) {
        // the thanos chart writes the name unquoted: one YAML reads as a number or a boolean is refused
        const secret: Json = { name: draw(g, dnsLabel.filter((n) => !yamlReadsAsNonString(n))) };
        if (draw(g, fc.boolean())) secret.key = draw(g, fc.stringMatching(/^[-._a-zA-Z0-9]{1,40}$/));
        v.objstore = { existingSecret: secret };
      }
    },
  },
  traefik: {
    skip: ['/service/pool', '/service/loadBalancerIPs'],
    fix(v, c, g) {
      const e = effective('traefik', c.profile, v);
      if (e.service.type === 'LoadBalancer') {
        // render: a named pool exists and serves every platform family
        const covering = c.pools.filter((p) => c.families.every((f) => p.families.includes(f)));
        if (covering.length && draw(g, fc.boolean())) obj(v, 'service').pool = draw(g, fc.constantFrom(...covering.map((p) => p.name)));
        // validate(): at most one address per platform family; render: one without a provider annotation
        const fams = draw(g, fc.subarray(c.families, { maxLength: Math.min(c.families.length, c.enabled.has('metallb') ? 2 : 1) }));
        if (fams.length) obj(v, 'service').loadBalancerIPs = fams.map((f) => c.nets[f]!.address(c.nextBlock[f]++));
      }
      // validate(): a production dashboard needs basic auth; guardrail: 2 replicas on production
      if (c.production && e.dashboard.enabled && !e.dashboard.basicAuthSecret) obj(v, 'dashboard').basicAuthSecret = draw(g, dnsLabel);
      if (c.production && e.replicas < 2) v.replicas = 2;
    },
  },
};

/**
 * resourceProblems (load.ts): a request the defaults set above a limit drawn here, or the other way
 * round. Raises the drawn limit to the request.
 */
function requestsWithinLimits(name: string, profile: Profile, v: Json): void {
  for (const p of resourceProblems(feature(name).schema, effective(name, profile, v)).filter((x) => /\/requests\/[^/]+$/.test(x.pointer))) {
    const path = p.pointer.slice(1).split('/').map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
    const resource = path.pop()!;
    path.pop(); // 'requests'
    const request = path.reduce((o, k) => o?.[k], effective(name, profile, v) as any).requests[resource];
    const limits = [...path, 'limits'].reduce((o: Json, k) => (o[k] ??= {}), v);
    limits[resource] = request;
  }
}

/** Order the values are drawn in: features that provide capabilities before those that use them. */
const RULE_ORDER = ['rook-ceph', 'metallb', 'prometheus'];

function featureValues(g: Gen, name: string, c: Ctx): Json {
  const rule = RULES[name] ?? {};
  const arb = fromSchema(valuesSchema(name), { skip: under(rule.skip ?? []) });
  const v = (arb ? draw(g, arb) : {}) as Json;
  rule.fix?.(v, c, g);
  if (c.production) tlsEverywhere(v);
  requestsWithinLimits(name, c.profile, v);
  const f = feature(name);
  Object.assign(c.provides, f.provides?.(effective(name, c.profile, v), info(c)) ?? {});
  return v;
}

// ---------------------------------------------------------------------------------------------
// Tenants

/** Names a generator should try: features, the platform's own Applications and projects, reserved namespaces. */
const INTERESTING_NAMES = [...registry.features.keys(), 'policies', 'root', 'apps', 'bootstrap', 'charts', 'platform', 'default', 'argocd', 'kube-system', 'tenant'];

function tenants(g: Gen, c: Ctx, n: number): Json[] {
  const s = (...p: string[]) => sub('tenants', 'tenants', '*', ...p);
  const featureNamespaces = new Set([...c.enabled].map((f) => feature(f).namespace));
  const nsOk = (ns: string) => !RESERVED_NAMESPACES.includes(ns) && !ns.startsWith('kube-') && !featureNamespaces.has(ns);
  // render: a tenant Application must not take the name of a feature's, the root or the policies Application
  const nameOk = (t: string) => !RESERVED_TENANTS.includes(t) && !c.enabled.has(t) && t !== `${c.name}-root` && t !== 'policies';
  const name = fc.oneof({ weight: 3, arbitrary: dnsLabel }, { weight: 1, arbitrary: fc.constantFrom(...INTERESTING_NAMES) }).filter(nameOk);
  const names = draw(g, fc.uniqueArray(name, { minLength: n, maxLength: n }));
  const taken = new Set<string>();
  const freeNamespace = name.filter((ns) => nsOk(ns) && !taken.has(ns));
  return names.map((tname) => {
    const t: Json = {
      ...(draw(g, fromSchema(s(), { skip: under(['/name', '/owners', '/namespaces', '/quota/additional', '/limitRange', '/networkPolicy/extraIngress', '/networkPolicy/extraEgress', '/sourceRepos', '/environment', '/destinations', '/clusterResourceAllowList']) })!) as Json),
      name: tname,
    };
    // validate(): at least one owner
    const owners = draw(g, fromSchema(s('owners'))!) as Json;
    if (!owners.groups?.length && !owners.users?.length) owners.groups = [draw(g, fromSchema(s('owners', 'groups', '*'))!)];
    t.owners = owners;
    // validate(): namespaces unique across tenants, not reserved, not a feature's, labels not set by SCCP
    if (!nsOk(tname) || taken.has(tname) || draw(g, fc.boolean())) {
      const k = draw(g, fc.integer({ min: 1, max: 3 }));
      const nsItem = fromSchema(s('namespaces', '*'), { skip: under(['/name']) })!;
      t.namespaces = [];
      for (let i = 0; i < k; i++) {
        const ns: Json = { ...(draw(g, nsItem) as Json), name: draw(g, freeNamespace) };
        taken.add(ns.name);
        if (ns.labels) ns.labels = Object.fromEntries(Object.entries(ns.labels).filter(([l]) => l !== TENANT_LABEL && l !== NAME_LABEL && !l.startsWith(POD_SECURITY_PREFIX)));
        t.namespaces.push(ns);
      }
    } else taken.add(tname);
    const namespaces: string[] = t.namespaces ? t.namespaces.map((x: Json) => x.name) : [tname];
    // validate(): additional quota keys other than the named ones, that a ResourceQuota takes, whole where counted
    if (draw(g, fc.boolean())) {
      const additional = draw(g, fc.dictionary(quotaKey, quantity, { maxKeys: 3 })) as Json;
      for (const k of Object.keys(additional)) if (wholeQuotaResource(k)) additional[k] = String(draw(g, fc.integer({ min: 0, max: 1000 })));
      obj(t, 'quota').additional = Object.fromEntries(Object.entries(additional).filter(([k]) => !NAMED_QUOTA_KEYS.includes(k)));
    }
    // validate(): quota requests <= quota limits (with the schema's defaults for what was not drawn)
    if (t.quota) {
      for (const [request, limit] of QUOTA_REQUEST_LIMITS) {
        const r = t.quota[request] ?? s('quota', request).default;
        const l = t.quota[limit] ?? s('quota', limit).default;
        if (r !== undefined && l !== undefined && parseQuantity(r)! > parseQuantity(l)!) [t.quota[request], t.quota[limit]] = [l, r];
      }
    }
    // validate(): defaultRequest <= default <= max
    if (draw(g, fc.boolean())) {
      const cpu = draw(g, fc.uniqueArray(fc.integer({ min: 1, max: 16000 }), { minLength: 3, maxLength: 3 })).sort((a, b) => a - b);
      const mem = draw(g, fc.uniqueArray(fc.integer({ min: 1, max: 65536 }), { minLength: 3, maxLength: 3 })).sort((a, b) => a - b);
      t.limitRange = { defaultRequest: { cpu: `${cpu[0]}m`, memory: `${mem[0]}Mi` }, default: { cpu: `${cpu[1]}m`, memory: `${mem[1]}Mi` }, max: { cpu: `${cpu[2]}m`, memory: `${mem[2]}Mi` } };
    }
    // validate(): extra rules only with defaultDeny; a peer is a network of a platform family or a selection
    if (t.networkPolicy?.defaultDeny !== false && draw(g, fc.boolean())) {
      const port = fromSchema(s('networkPolicy', 'extraEgress', '*', 'ports', '*'))!.map((p: Json) => {
        if (p.endPort !== undefined && (typeof p.port !== 'number' || p.endPort < p.port)) delete p.endPort;
        return p;
      });
      const labels = fc.dictionary(fc.stringMatching(/^[a-z]{1,8}(\/[a-z]{1,8})?$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { maxKeys: 2 });
      const peer = fc.oneof(
        fc.constantFrom(...c.families).map((f) => ({ cidr: f === 'IPv4' ? '203.0.113.0/24' : '2001:db8:100::/64', ...(f === 'IPv4' ? { except: ['203.0.113.128/25'] } : {}) })),
        fc.record({ namespace: dnsLabel, podLabels: labels }, { requiredKeys: ['namespace'] }),
        fc.record({ namespaceLabels: labels, podLabels: labels }, { requiredKeys: ['podLabels'] }),
      );
      const rules = (key: 'from' | 'to') => fc.array(fc.record({ [key]: fc.array(peer, { minLength: 1, maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) }, { requiredKeys: [key] }), { maxLength: 2 });
      Object.assign(obj(t, 'networkPolicy'), { extraIngress: draw(g, rules('from')), extraEgress: draw(g, rules('to')) });
    }
    // validate(): the tenant deploys from somewhere its sourceRepos allow, to its own namespaces
    const repo = fc.stringMatching(/^(https?:\/\/|ssh:\/\/|git@)[a-z0-9.-]{1,20}\/[A-Za-z0-9._\/-]{1,30}$/);
    // validate(): a literal scheme, host and owner, globs only after it
    const pattern = fc
      .tuple(fc.constantFrom('https://', 'http://', 'ssh://git@'), dnsSubdomain, dnsLabel, fc.stringMatching(/^[^\s\[\]{}\\]{0,24}$/))
      .map(([scheme, host, owner, p]) => `${scheme}${host}/${owner}/${p}`);
    if (draw(g, fc.boolean())) {
      const env = draw(g, fromSchema(s('environment'), { skip: under(['/repoURL', '/helm']) })!) as Json;
      env.repoURL = draw(g, repo);
      const noDotDot = (p: string) => p.split('/').map((x) => (x === '..' ? 'up' : x)).join('/');
      if (env.path) env.path = noDotDot(env.path);
      if (env.type === 'helm' && draw(g, fc.boolean())) env.helm = { valueFiles: (draw(g, fromSchema(s('environment', 'helm', 'valueFiles'))!) as string[]).map(noDotDot) };
      t.environment = env;
      if (draw(g, fc.boolean())) t.sourceRepos = [env.repoURL, ...draw(g, fc.array(pattern, { maxLength: 2 }))];
      if (draw(g, fc.boolean())) t.destinations = [namespaces[0], ...namespaces.slice(1).filter(() => draw(g, fc.boolean()))].map((namespace) => ({ namespace }));
    } else t.sourceRepos = draw(g, fc.array(pattern, { minLength: 1, maxLength: 3 }));
    if (draw(g, fc.boolean())) {
      // validate(): another cluster (not this one spelled differently), never a reserved namespace
      const other = fc.record({ namespace: dnsLabel.filter((ns) => !reservedNamespace(ns)), server: httpsUrl.filter((u) => u !== 'https://kubernetes.default.svc' && !inClusterAlias(u)) });
      t.destinations = [...(t.destinations ?? namespaces.map((namespace: string) => ({ namespace }))), ...draw(g, fc.array(other, { maxLength: 2 }))];
    }
    // validate(): no entry that matches a forbidden kind
    if (draw(g, fc.boolean())) t.clusterResourceAllowList = (draw(g, fromSchema(s('clusterResourceAllowList'))!) as Json[]).filter((r) => !forbiddenKindsAllowedBy(r as { group: string; kind: string }).length);
    return t;
  });
}

// ---------------------------------------------------------------------------------------------
// Whole documents

export interface Generated {
  doc: Json;
  /** platform.yaml as written: YAML block style or JSON (a YAML subset). */
  text: string;
}

export function serialize(doc: Json, style: 'yaml' | 'json'): string {
  return style === 'json' ? JSON.stringify(doc, null, 2) + '\n' : stringify(doc, { lineWidth: 0 });
}

/** Draw a platform.yaml that must build (see the module comment). */
export function generatePlatform(g: Gen): Json {
  const net = TOP.network.properties;
  const profile = draw(g, fc.constantFrom(...(TOP.profile.enum as Profile[])));
  const families = draw(g, fc.uniqueArray(fc.constantFrom(...(net.ipFamilies.items.enum as IpFamily[])), { minLength: net.ipFamilies.minItems, maxLength: net.ipFamilies.maxItems }));
  const c: Ctx = {
    name: draw(g, fc.oneof(shortLabel, dnsLabel)),
    domain: draw(g, dnsSubdomain),
    profile,
    families,
    nets: Object.fromEntries(families.map((f) => [f, nodeNet(f, draw(g, fc.integer({ min: 0, max: 255 })), draw(g, fc.integer({ min: 0, max: 255 })))])),
    production: draw(g, fc.boolean()),
    admission: draw(g, fc.constantFrom(...(TOP.admission.enum as AdmissionController[]))),
    enabled: new Set(),
    signedCommits: false,
    provides: {},
    pools: [],
    nextBlock: { IPv4: 1, IPv6: 1 },
  };
  const doc: Json = { apiVersion: TOP.apiVersion.const, kind: TOP.kind.const, name: c.name };
  if (draw(g, fc.boolean())) doc.description = draw(g, fromSchema(TOP.description)!);
  if (profile !== TOP.profile.default || draw(g, fc.boolean())) doc.profile = profile;
  doc.domain = c.domain;
  if (c.production || draw(g, fc.boolean())) doc.production = c.production;
  const network: Json = {};
  if (families.length !== 1 || families[0] !== 'IPv4' || draw(g, fc.boolean())) network.ipFamilies = families;
  if (draw(g, fc.boolean())) network.nodeCidrs = Object.values(c.nets).map((n) => n!.cidr);
  if (Object.keys(network).length) doc.network = network;
  doc.repository = draw(g, fromSchema(TOP.repository)!);
  const sync = (draw(g, fc.option(fromSchema(TOP.sync)!, { nil: undefined })) ?? {}) as Json;
  // guardrail sccp-prune-confirmed
  if (c.production) sync.prune ??= draw(g, fc.boolean());
  if (Object.keys(sync).length) doc.sync = sync;
  if (c.admission !== 'none' || draw(g, fc.boolean())) doc.admission = c.admission;
  if (draw(g, fc.boolean())) doc.enforcement = draw(g, fromSchema(TOP.enforcement)!);

  // features: a subset of those the profile supports, closed over dependsOn; the controller comes with admission
  const candidates = registry.list().filter((f) => !(ADMISSION_CONTROLLERS as readonly string[]).includes(f.name) && (!f.supportedProfiles || f.supportedProfiles.profiles.includes(profile)));
  const chosen = new Set(draw(g, fc.subarray(candidates.map((f) => f.name))));
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of [...chosen])
      for (const dep of feature(name).dependsOn ?? [])
        if (!chosen.has(dep)) {
          if (candidates.some((f) => f.name === dep)) chosen.add(dep);
          else chosen.delete(name);
          changed = true;
        }
  }
  if (c.admission !== 'none') chosen.add(c.admission);
  c.enabled = chosen;

  // policy packs (named in platform.yaml: enabled unless enabled: false)
  const packsSchema = TOP.policies.properties.packs.properties as Record<string, JsonSchema>;
  const packs: Json = {};
  for (const name of draw(g, fc.subarray(Object.keys(packsSchema).filter((p) => p in BUILTIN_PACK_PACKAGES)))) {
    const skip = under(['/verifyImages', '/requireSignedCommits']);
    const entry = draw(g, fromSchema(packsSchema[name], { skip })!) as Json;
    if (name === 'trusted-execution' && entry.enabled !== false) {
      // requireSignedCommits needs Argo CD's GnuPG keys; verifyImages needs kyverno (or none) and a key or identity
      if (chosen.has('argocd') && draw(g, fc.boolean())) entry.requireSignedCommits = c.signedCommits = true;
      if (c.admission !== 'gatekeeper' && draw(g, fc.boolean())) entry.verifyImages = verifyImages(g);
    }
    packs[name] = entry;
  }

  // values, drawn in an order where capabilities are known before their consumers; a feature whose
  // defaults alone would break a rule on this platform always gets values
  const features: Json = {};
  const order = [...RULE_ORDER.filter((n) => chosen.has(n)), ...[...chosen].filter((n) => !RULE_ORDER.includes(n)).sort()];
  for (const name of order) {
    let values: Json | undefined;
    if (needsValues(name, c) || draw(g, fc.boolean())) values = featureValues(g, name, c);
    else Object.assign(c.provides, feature(name).provides?.(effective(name, c.profile, {}), info(c)) ?? {});
    features[name] = entryFor(g, name, values, c);
  }
  // entries switched off: any feature not enabled, supported on the profile or not
  for (const f of registry.list()) {
    if (chosen.has(f.name) || f.name === c.admission) continue;
    if (draw(g, fc.integer({ min: 0, max: 5 })) === 0) features[f.name] = { enabled: false };
  }
  for (const name of Object.keys(features)) if (features[name] === undefined) delete features[name];

  // exceptions: policies of the enabled features and packs that the controller runs
  const enabledPacks = Object.keys(packs).filter((p) => packs[p].enabled !== false).sort();
  const catalog = policyCatalog(policySources([...chosen].map(feature), enabledPacks)).filter((p) => c.admission === 'none' || controllerRuns(c.admission, p));
  const exceptions: Json[] = [];
  if (catalog.length && draw(g, fc.boolean())) {
    const item = TOP.policies.properties.exceptions.items;
    const k = draw(g, fc.integer({ min: 1, max: 3 }));
    for (let i = 0; i < k; i++) {
      const e = draw(g, fromSchema(item, { skip: under(['/policy', '/name', '/reason']) })!) as Json;
      e.policy = draw(g, fc.constantFrom(...catalog.map((p) => p.id)));
      e.reason = draw(g, fc.string({ minLength: 10, maxLength: 60 }).filter((r) => /\S/.test(r)));
      // an exception for one resource names its kind too
      if (e.kind && draw(g, fc.boolean())) e.name = draw(g, dnsSubdomain);
      exceptions.push(e);
    }
    // Kyverno must honour PolicyExceptions when exceptions are declared
    if (c.admission === 'kyverno' && features.kyverno?.values?.policyExceptions?.enabled === false) features.kyverno.values.policyExceptions.enabled = true;
  }
  doc.features = Object.fromEntries(draw(g, fc.shuffledSubarray(Object.entries(features), { minLength: Object.keys(features).length })));
  if (Object.keys(packs).length || exceptions.length || draw(g, fc.boolean())) {
    doc.policies = {};
    if (Object.keys(packs).length || draw(g, fc.boolean())) doc.policies.packs = packs;
    if (exceptions.length) doc.policies.exceptions = exceptions;
  }
  return doc;
}

/** A feature whose defaults alone would break a rule on this platform gets values even when "absent" was drawn. */
function needsValues(name: string, c: Ctx): boolean {
  if (name === 'thanos' && !c.provides.objectStorage) return true;
  if (name === 'argocd' && c.signedCommits) return true;
  if (c.production && ['argocd', 'prometheus', 'rook-ceph', 'traefik'].includes(name)) return true;
  return false;
}

function entryFor(g: Gen, name: string, values: Json | undefined, c: Ctx): Json | undefined {
  const hasValues = values !== undefined && (Object.keys(values).length > 0 || draw(g, fc.boolean()));
  // the admission controller's entry may be left out: `admission` enables it
  if (name === c.admission && !hasValues && draw(g, fc.boolean())) return undefined;
  const entry: Json = {};
  if (draw(g, fc.boolean())) entry.enabled = true;
  if (hasValues) entry.values = values;
  return entry;
}

function verifyImages(g: Gen): Json {
  const s = (...p: string[]) => schemaAt(['policies', 'packs', 'trusted-execution', 'verifyImages', ...p])!;
  const v = draw(g, fromSchema(s(), { skip: under(['/keys', '/keyless']) })!) as Json;
  // each key exactly one of publicKey, secret, kms; each identity exactly one issuer and one subject form
  const key = fc.oneof(
    fc.constant({ publicKey: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfuzz\n-----END PUBLIC KEY-----\n' }),
    fromSchema(s('keys', '*', 'secret'))!.map((secret) => ({ secret })),
    fc.tuple(fc.constantFrom('awskms', 'gcpkms', 'azurekms', 'hashivault'), shortLabel).map(([k, id]) => ({ kms: `${k}://${id}` })),
  );
  const oneOf = (a: string, b: string) => fc.oneof(fc.string({ minLength: 1, maxLength: 30 }).map((x) => ({ [a]: x })), fc.constant({ [b]: '.*' }));
  const identity = fc.tuple(oneOf('issuer', 'issuerRegExp'), oneOf('subject', 'subjectRegExp')).map(([i, su]) => ({ ...i, ...su }));
  const keys = draw(g, fc.array(key, { maxLength: 2 }));
  const keyless = draw(g, fc.array(identity, { minLength: keys.length ? 0 : 1, maxLength: 2 }));
  if (keys.length) v.keys = keys;
  if (keyless.length) v.keyless = keyless;
  return v;
}

export const validPlatform: fc.Arbitrary<Generated> = fc.gen().map((g) => {
  const doc = generatePlatform(g);
  return { doc, text: serialize(doc, draw(g, fc.constantFrom('yaml', 'json'))) };
});

// ---------------------------------------------------------------------------------------------
// Mutations

type Path = (string | number)[];

/** Every path in a JSON value, containers included (root excluded). */
export function paths(v: Json, base: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push([...base, i], ...paths(x, [...base, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...base, k], ...paths(x, [...base, k]));
  return out;
}

const getAt = (v: Json, p: Path) => p.reduce((o, k) => (o == null ? undefined : o[k]), v);
function setAt(v: Json, p: Path, value: Json): void {
  const parent = getAt(v, p.slice(0, -1));
  if (parent && typeof parent === 'object') parent[p[p.length - 1]] = value;
}
function deleteAt(v: Json, p: Path): void {
  const parent = getAt(v, p.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(Number(p[p.length - 1]), 1);
  else if (parent && typeof parent === 'object') delete parent[p[p.length - 1]];
}

/** Values of the wrong type or out of every range: what a typo or a bad merge produces. */
export const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, '', ' ', 0, -1, 1.5, 2 ** 31, -(2 ** 53), 1e300, true, false, [], {}, [null], { '': '' }),
  fc.constantFrom('{{ .Values.x }}', '${HOME}', '../../etc', '/abs', 'a/b', 'x'.repeat(300), 'NaN', '日本語', '\t', '---', '*', '~', 'null', 'IPv5', '300.1.1.1/24', 'fd00::/200', '10.0.0.9-10.0.0.1', '0x1F', 'yes', '-1h', '1e999', 'a\nb', '"', "'", '#', ': x'),
  fc.jsonValue({ maxDepth: 2 }),
);

export type Mutation =
  | { kind: 'delete' | 'nasty' | 'resample' | 'add' | 'set-leaf' | 'unknown-key' | 'duplicate' | 'toggle-feature'; path: string }
  | { kind: 'text'; edit: string };

export interface Mutated extends Generated {
  original: Json;
  mutations: Mutation[];
}

const showPath = (p: Path) => '/' + p.join('/');

const leaves = new Map<JsonSchema, Path[]>();
/** Paths (through objects only) to every value the schema can draw that is not itself an object with properties. */
function leafPaths(node: JsonSchema): Path[] {
  if (!leaves.has(node)) {
    const out: Path[] = [];
    const walk = (n: JsonSchema, p: Path, depth: number) => {
      const d = deref(n);
      if (d.type === 'object' && d.properties && depth < 8) for (const [k, c] of Object.entries(d.properties as Record<string, JsonSchema>)) walk(c, [...p, k], depth + 1);
      else if (fromSchema(d)) out.push(p);
    };
    walk(node, [], 0);
    leaves.set(node, out);
  }
  return leaves.get(node)!;
}

function mutateDoc(g: Gen, doc: Json): Mutation {
  const all = paths(doc);
  const kind = draw(g, fc.constantFrom('delete', 'nasty', 'resample', 'add', 'set-leaf', 'set-leaf', 'set-leaf', 'unknown-key', 'duplicate', 'toggle-feature') as fc.Arbitrary<Exclude<Mutation['kind'], 'text'>>);
  const pick = (list: Path[]) => list[draw(g, fc.nat({ max: list.length - 1 }))];
  switch (kind) {
    case 'delete': {
      const p = pick(all);
      deleteAt(doc, p);
      return { kind, path: showPath(p) };
    }
    case 'nasty': {
      const p = pick(all);
      setAt(doc, p, structuredClone(draw(g, nastyValue)));
      return { kind, path: showPath(p) };
    }
    case 'resample': {
      // a schema-valid value drawn anew, without the rules: type-correct, semantically anything
      const candidates = all.filter((p) => schemaAt(p) && fromSchema(schemaAt(p)!));
      if (!candidates.length) return mutateDoc(g, doc);
      const p = pick(candidates);
      setAt(doc, p, draw(g, fromSchema(schemaAt(p)!)!));
      return { kind, path: showPath(p) };
    }
    case 'add': {
      // a key the schema allows and the document does not have yet, with a schema-valid value
      const objects = [[] as Path, ...all].filter((p) => {
        const n = schemaAt(p);
        const v = p.length ? getAt(doc, p) : doc;
        return n?.properties && v && typeof v === 'object' && !Array.isArray(v) && Object.keys(n.properties).some((k) => !(k in v) && fromSchema(n.properties[k]));
      });
      if (!objects.length) return mutateDoc(g, doc);
      const p = pick(objects);
      const n = schemaAt(p)!;
      const v = p.length ? getAt(doc, p) : doc;
      const key = draw(g, fc.constantFrom(...Object.keys(n.properties).filter((k) => !(k in v) && fromSchema(n.properties[k]))));
      v[key] = draw(g, fromSchema(n.properties[key])!);
      return { kind, path: showPath([...p, key]) };
    }
    case 'set-leaf': {
      const p = setLeaf(g, doc);
      return { kind, path: showPath(p) };
    }
    case 'unknown-key': {
      const objects = [[] as Path, ...all].filter((p) => {
        const v = p.length ? getAt(doc, p) : doc;
        return v && typeof v === 'object' && !Array.isArray(v);
      });
      const p = pick(objects);
      const v = p.length ? getAt(doc, p) : doc;
      const keys = Object.keys(v);
      // a typo of an existing key, or a new one
      const key = keys.length && draw(g, fc.boolean()) ? typo(g, keys[draw(g, fc.nat({ max: keys.length - 1 }))]) : draw(g, fc.string({ minLength: 1, maxLength: 12 }));
      if (!(key in v)) v[key] = structuredClone(draw(g, fc.oneof(nastyValue, fc.constant({}))));
      return { kind, path: showPath([...p, key]) };
    }
    case 'duplicate': {
      const lists = all.filter((p) => Array.isArray(getAt(doc, p)) && getAt(doc, p).length);
      if (!lists.length) return mutateDoc(g, doc);
      const p = pick(lists);
      const list = getAt(doc, p);
      list.push(structuredClone(list[draw(g, fc.nat({ max: list.length - 1 }))]));
      return { kind, path: showPath(p) };
    }
    case 'toggle-feature': {
      doc.features ??= {};
      const name = draw(g, fc.constantFrom(...registry.features.keys()));
      doc.features[name] = structuredClone(draw(g, fc.constantFrom({}, { enabled: false }, { enabled: true })));
      return { kind, path: showPath(['features', name]) };
    }
  }
}

/**
 * Set one field the schema allows to a schema-valid value, whether the document has it or not:
 * an entry of features (or the platform itself), then one of its top-level keys, then one field
 * under it, each chosen uniformly, so that every field of every feature gets its turn.
 */
function setLeaf(g: Gen, doc: Json): Path {
  const entries = Object.keys(doc.features ?? {}).filter((f) => registry.features.has(f));
  const base: Path = entries.length && draw(g, fc.nat({ max: 3 })) > 0 ? ['features', draw(g, fc.constantFrom(...entries)), 'values'] : [];
  const list = leafPaths(schemaAt(base)!);
  const heads = [...new Set(list.map((l) => l[0]))];
  const head = draw(g, fc.constantFrom(...heads));
  const under = list.filter((l) => l[0] === head);
  const p = [...base, ...under[draw(g, fc.nat({ max: under.length - 1 }))]];
  let o = doc;
  for (const k of p.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object' || Array.isArray(o[k])) o[k] = {};
    o = o[k];
  }
  o[p[p.length - 1]] = draw(g, fromSchema(schemaAt(p)!)!);
  return p;
}

/** A valid document with one field set to a value the schema allows: only the semantic checks can reject it. */
export const oneFieldChanged: fc.Arbitrary<Mutated> = fc.gen().map((g) => {
  const original = generatePlatform(g);
  const doc = structuredClone(original);
  const p = setLeaf(g, doc);
  return { original, doc, text: serialize(doc, 'yaml'), mutations: [{ kind: 'set-leaf', path: showPath(p) }] };
});

function typo(g: Gen, key: string): string {
  const i = draw(g, fc.nat({ max: key.length }));
  return draw(g, fc.constantFrom(key.slice(0, i) + key.slice(i + 1), key.slice(0, i) + 'x' + key.slice(i), key.toUpperCase(), `${key} `)) || 'x';
}

/** Edits of the text: what a bad merge or a stray keystroke does to the file. */
function mutateText(g: Gen, text: string): { text: string; edit: string } {
  const lines = text.split('\n');
  const at = draw(g, fc.nat({ max: Math.max(0, lines.length - 2) }));
  const kind = draw(g, fc.constantFrom('delete-line', 'duplicate-line', 'indent', 'dedent', 'insert', 'truncate', 'swap-lines'));
  switch (kind) {
    case 'delete-line':
      lines.splice(at, 1);
      break;
    case 'duplicate-line':
      lines.splice(at, 0, lines[at]);
      break;
    case 'indent':
      lines[at] = ' ' + lines[at];
      break;
    case 'dedent':
      lines[at] = lines[at].replace(/^ /, '');
      break;
    case 'insert': {
      const col = draw(g, fc.nat({ max: lines[at].length }));
      lines[at] = lines[at].slice(0, col) + draw(g, fc.constantFrom(':', '- ', '{', '[', '"', "'", '&a ', '*a', '!!binary ', '\t', '#', '%', '@', '|', '>', '\u0000', '\ufeff', '? ')) + lines[at].slice(col);
      break;
    }
    case 'truncate':
      return { text: lines.slice(0, at + 1).join('\n').slice(0, -draw(g, fc.nat({ max: 10 })) || undefined), edit: `truncate after line ${at + 1}` };
    case 'swap-lines':
      if (at + 1 < lines.length) [lines[at], lines[at + 1]] = [lines[at + 1], lines[at]];
      break;
  }
  return { text: lines.join('\n'), edit: `${kind} at line ${at + 1}` };
}

/** A valid document with one to three mutations (structural, then possibly one edit of the text). */
export const mutatedPlatform: fc.Arbitrary<Mutated> = fc.gen().map((g) => {
  const original = generatePlatform(g);
  const doc = structuredClone(original);
  const mutations: Mutation[] = [];
  const n = draw(g, fc.integer({ min: 0, max: 3 }));
  for (let i = 0; i < n; i++) mutations.push(mutateDoc(g, doc));
  let text = serialize(doc, draw(g, fc.constantFrom('yaml', 'json')));
  if (!n || draw(g, fc.boolean())) {
    const t = mutateText(g, text);
    text = t.text;
    mutations.push({ kind: 'text', edit: t.edit });
  }
  return { original, doc, text, mutations };
});
