import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IpFamily } from './cidr';
import { isDnsLabel } from './names';
import { listPolicyFiles } from './policy-pack';
import { bundle, loadSchema, schemaDefaults, type JsonSchema } from './schema';

/** Bumped when the shape below changes incompatibly; the platform refuses features built for another. */
export const CONTRACT_VERSION = 1;

export const PROFILES = ['bare-metal', 'kind', 'aks', 'eks', 'gke'] as const;
export type Profile = (typeof PROFILES)[number];

/**
 * The Kubernetes minor versions each profile is tested against, oldest and newest (inclusive,
 * `1.<minor>`); docs/profiles.md says why. Tests render the upstream charts with
 * `helm template --kube-version` of these and check that every pinned chart's `kubeVersion`
 * constraint admits each of them.
 */
export const PROFILE_KUBERNETES: Readonly<Record<Profile, { readonly min: string; readonly max: string }>> = {
  'bare-metal': { min: '1.35', max: '1.37' },
  kind: { min: '1.35', max: '1.37' },
  aks: { min: '1.34', max: '1.36' },
  eks: { min: '1.34', max: '1.36' },
  gke: { min: '1.34', max: '1.36' },
};

/** Every minor version of a profile's tested range, oldest first, as `1.<minor>.0` (what `helm template --kube-version` takes). */
export function kubernetesVersions(profile: Profile): string[] {
  const range = PROFILE_KUBERNETES[profile];
  if (!range) throw new Error(`unknown profile "${profile}"`);
  const minor = (v: string) => {
    const m = /^1\.(\d+)$/.exec(v);
    if (!m) throw new Error(`profile ${profile}: Kubernetes version "${v}" is not 1.<minor>`);
    return Number(m[1]);
  };
  const out: string[] = [];
  for (let m = minor(range.min); m <= minor(range.max); m++) out.push(`1.${m}.0`);
  if (!out.length) throw new Error(`profile ${profile}: Kubernetes range ${range.min}-${range.max} is empty`);
  return out;
}

/** The platform-level facts every feature may read. */
export interface PlatformInfo {
  name: string;
  /** Base DNS domain; features expose `<host>.<domain>` unless told otherwise. */
  domain: string;
  profile: Profile;
  ipFamilies: IpFamily[];
  /** Networks the nodes live in (may be empty: unknown). */
  nodeCidrs: string[];
  production: boolean;
  /** Git repository the generated app-of-apps repository is pushed to. */
  repo: { url: string; revision: string; path: string };
}

/** An upstream Helm chart a feature wraps, pinned. `source` says where its values were checked. */
export interface UpstreamChart {
  name: string;
  version: string;
  repository: string;
  /** Key of the chart's values in the wrapper's values.yaml (Helm dependency alias); defaults to name. */
  alias?: string;
  /** Helm dependency condition (a values path such as "alloy.enabled"): the chart is skipped when it is false. */
  condition?: string;
  /** Where the chart's values were looked up, e.g. "argoproj/argo-helm charts/argo-cd/values.yaml @ argo-cd-9.1.0". */
  source: string;
}

/**
 * What enabled features offer each other. A feature's `provides()` fills some keys; `render()`
 * reads the merged result from `ctx.provides`. Third-party features may add keys of their own.
 */
export interface Capabilities {
  /** Ingress controller: class name and the namespace its pods run in (for NetworkPolicies). */
  ingress?: { className: string; namespace: string };
  /**
   * cert-manager: the ClusterIssuer every platform ingress uses for TLS, and the longest lifetime a
   * non-CA Certificate may request (policy cert-manager-max-duration): explicit Certificates set it.
   */
  tls?: { clusterIssuer: string; maxCertificateDuration?: string };
  /**
   * The tenants' namespaces (the tenants feature), by name: the tenant, the Pod Security level the
   * namespace enforces, the Service types beyond ClusterIP its tenant declared, and whether the
   * tenant is critical. The baseline pack evaluates the namespace's workloads at that level, the
   * operations pack checks Service types and replicas with the rest.
   */
  tenantNamespaces?: Record<string, { tenant: string; podSecurity: 'baseline' | 'restricted'; serviceTypes: ('LoadBalancer' | 'NodePort')[]; critical: boolean }>;
  /** Storage classes by kind. `block` is the default for PVCs. */
  storage?: { block?: string; filesystem?: string; object?: string };
  /** Load balancer pools (MetalLB) and the Service annotation that selects one. */
  loadBalancer?: {
    annotation: string;
    /** Optional Service annotation pinning comma-separated addresses (MetalLB: `metallb.io/loadBalancerIPs`). */
    addressesAnnotation?: string;
    pools: { name: string; families: IpFamily[] }[];
  };
  /**
   * Signed commits required (trusted-execution pack): every Argo CD AppProject lists these GnuPG key
   * ids as spec.signatureKeys. Provided by the platform itself, not by a feature.
   */
  commitSigning?: { keyIds: string[] };
  /** Prometheus: labels a ServiceMonitor/PodMonitor needs to be picked up, and the query endpoint. */
  metrics?: {
    serviceMonitorLabels: Record<string, string>;
    url: string;
    namespace: string;
    /** Thanos StoreAPI of the Prometheus sidecars, e.g. dnssrv+_grpc._tcp.<svc>.<ns>.svc (answers while a Thanos sidecar runs). */
    storeApi?: string;
  };
  /** Long-term metrics query endpoint (Thanos Query); preferred by dashboards over `metrics.url`. */
  metricsQuery?: { url: string };
  /**
   * Long-term metrics archive (Thanos): the Secret (in the metrics namespace) holding the Thanos
   * objstore config that Prometheus' Thanos sidecar uploads blocks with.
   */
  metricsArchive?: {
    objstoreSecret: { name: string; key: string };
    /**
     * Environment variables every consumer of the objstore config must have (Thanos expands `$(VAR)`
     * in objstore configs in every component, the Prometheus sidecar included). References only.
     */
    env?: {
      name: string;
      valueFrom: {
        secretKeyRef?: { name: string; key: string; optional?: boolean };
        configMapKeyRef?: { name: string; key: string; optional?: boolean };
      };
    }[];
  };
  /** Object storage (Rook-Ceph object store): ObjectBucketClaims with this storage class get a bucket. */
  objectStorage?: { bucketStorageClass: string; endpoint: string };
  /** Logs: where collectors push and where dashboards query. */
  logs?: { pushUrl: string; queryUrl: string; namespace: string };
  [key: string]: unknown;
}

export interface RenderContext {
  platform: PlatformInfo;
  /** This feature's name, namespace and sync wave. */
  feature: { name: string; namespace: string; wave: number };
  /** Names of every enabled feature, sorted. */
  enabled: readonly string[];
  /** Namespace of each enabled feature. */
  namespaces: Readonly<Record<string, string>>;
  /** Merged capabilities of the profile and every enabled feature. */
  provides: Readonly<Capabilities>;
  /** What each enabled feature contributes to others (e.g. dashboards), by feature name. */
  contributions: Readonly<Record<string, Contributions>>;
}

/** Things a feature hands to other features (collected before any render). */
export interface Contributions {
  /**
   * Grafana dashboards: name → dashboard JSON model (as data). Refer to datasources by uid:
   * `sccp-metrics` (Prometheus or Thanos Query) and `sccp-logs` (Loki).
   */
  dashboards?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What a feature renders: the content of its wrapper chart and tweaks of its Application. */
export interface RenderOutput {
  /** The wrapper chart's values.yaml (data; serialised, never templated). Ignored with `delivery: 'manifests'`. */
  values: Record<string, unknown>;
  /**
   * With `delivery: 'manifests'`: plain Kubernetes objects by file, relative to the feature's folder
   * in the repository (`<feature>/<path>`), e.g. `acme/namespace.yaml` → `tenants/acme/namespace.yaml`.
   * Serialised with the YAML emitter (values are data), one YAML stream per file.
   */
  manifests?: Record<string, Record<string, unknown>[]>;
  /** Extra Helm templates: file name under templates/ → template text (from the feature's Handlebars templates). */
  templates?: Record<string, string>;
  /** Extra Application syncOptions. */
  syncOptions?: string[];
  /** Application spec.ignoreDifferences entries. */
  ignoreDifferences?: Record<string, unknown>[];
  /**
   * Namespaces other than the feature's own that its Application writes into, for the values in hand:
   * an upstream chart that hard-codes one (kube-prometheus-stack puts the Services of its control-plane
   * and CoreDNS monitors into kube-system). The platform AppProject lists exactly these as extra
   * destinations, so declare a namespace only when the rendered chart really puts an object there.
   */
  extraNamespaces?: string[];
  /** Labels of the feature's namespace (ArgoCD managedNamespaceMetadata), e.g. Pod Security admission levels. */
  namespaceLabels?: Record<string, string>;
  /** Leave the deployed resources in place when the Application is deleted (no cascade finalizer), e.g. ArgoCD itself. */
  keepOnDelete?: boolean;
  /** Human endpoints for the generated README. */
  endpoints?: { name: string; url: string }[];
}

/** An API group and kind as Argo CD AppProject whitelists name them: `''` is the core group; either may be a glob (`*`). */
export interface GroupKind {
  group: string;
  kind: string;
}

/** `'apps/Deployment'` → `{ group: 'apps', kind: 'Deployment' }`; a kind without a group is in the core group (`'ConfigMap'`). */
export function groupKinds(...names: string[]): GroupKind[] {
  return names.map((n) => {
    const i = n.lastIndexOf('/');
    return i < 0 ? { group: '', kind: n } : { group: n.slice(0, i), kind: n.slice(i + 1) };
  });
}

/**
 * The kinds of object a feature's Application creates, by scope: its upstream charts (rendered with
 * the values the feature generates, CRDs included) and its own templates or manifests. The platform
 * AppProject allows exactly the union of the enabled features' kinds (plus what the platform itself
 * writes), so anything else that slips into the repository is refused by Argo CD.
 */
export interface ResourceKinds {
  /** Cluster-scoped kinds (clusterResourceWhitelist), e.g. `{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }`. */
  cluster: GroupKind[];
  /** Namespaced kinds (namespaceResourceWhitelist), e.g. `{ group: 'apps', kind: 'Deployment' }`. */
  namespaced: GroupKind[];
}

/** A semantic problem found by a feature in its (schema-valid) values; pointer is relative to the values. */
export interface ValuesProblem {
  pointer: string;
  message: string;
}

export type DeepPartial<T> = T extends (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export interface FeatureSpec<V> {
  /** Package root (the folder holding package.json, schema.json, templates/ and policies/). */
  packageDir: string;
  name: string;
  description: string;
  /** Namespace the feature installs into. */
  namespace: string;
  dependsOn?: string[];
  optionalDependsOn?: string[];
  upstream: UpstreamChart[];
  /** Profiles the feature runs on (default: all). Enabling it elsewhere is an error that says why. */
  supportedProfiles?: { profiles: Profile[]; reason: string };
  /** Per-profile defaults, applied over the schema defaults and under the user's values. */
  profiles?: Partial<Record<Profile, DeepPartial<V>>>;
  /** Use server-side apply (large CRDs exceed the client-side annotation limit). */
  serverSideApply?: boolean;
  /**
   * How the feature is delivered: `chart` (default) — a wrapper chart under charts/<name>/; or
   * `manifests` — plain YAML files under <name>/ in the repository (no upstream chart), synced as a
   * directory. Tenants use `manifests` so every tenant object is reviewable as its own file.
   */
  delivery?: 'chart' | 'manifests';
  /**
   * The kinds the feature's Application creates (see docs/feature-authoring.md): the platform
   * AppProject allows only the enabled features' kinds. Undeclared, the feature may create only what
   * other features declare and, with `delivery: 'manifests'`, the kinds its rendered files hold.
   */
  resourceKinds?: ResourceKinds;
  validate?(values: V, platform: PlatformInfo): ValuesProblem[];
  provides?(values: V, platform: PlatformInfo): Capabilities;
  contributes?(values: V, platform: PlatformInfo): Contributions;
  render(values: V, ctx: RenderContext): RenderOutput;
}

export interface Feature<V = any> extends FeatureSpec<V> {
  /**
   * The contract version the package was built for: package.json `sccp.contract` (written by the
   * feature generator), else the version of the @sccp/core that defines it. The platform refuses a
   * feature whose contract differs from its own.
   */
  contract: number;
  /** npm package name and version. */
  packageName: string;
  version: string;
  /** schema.json as written. */
  schema: JsonSchema;
  /** Self-contained schema (shared defs inlined). */
  bundledSchema: JsonSchema;
  /** Defaults from the schema's `default` keywords. */
  defaults: V;
  /** Policy files shipped by the feature, relative to packageDir, sorted. */
  policies: { kyverno: string[]; rego: string[] };
}

/** Build a feature object from its spec and its package files (package.json, schema.json, policies/). */
export function defineFeature<V>(spec: FeatureSpec<V>): Feature<V> {
  if (!isDnsLabel(spec.name)) throw new Error(`feature name "${spec.name}" is not a DNS-1123 label`);
  if (!isDnsLabel(spec.namespace)) throw new Error(`feature ${spec.name}: namespace "${spec.namespace}" is not a DNS-1123 label`);
  const pkg = JSON.parse(fs.readFileSync(path.join(spec.packageDir, 'package.json'), 'utf8'));
  const schema = loadSchema(path.join(spec.packageDir, 'schema.json'));
  const bundledSchema = bundle(schema, `${spec.name} values`);
  return {
    ...spec,
    contract: pkg.sccp?.contract ?? CONTRACT_VERSION,
    packageName: pkg.name,
    version: pkg.version,
    schema,
    bundledSchema,
    defaults: (schemaDefaults(bundledSchema) ?? {}) as V,
    policies: listPolicyFiles(spec.packageDir),
  };
}
