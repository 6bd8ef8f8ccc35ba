import { contains, isWholeQuantity, parseCidr, parseQuantity, toPointer, type PlatformInfo, type ValuesProblem } from '@sccp/core';
import { IN_CLUSTER, NAME_LABEL, POD_SECURITY_PREFIX, QUOTA_REQUEST_LIMITS, RESERVED_TENANTS, TENANT_LABEL } from './constants';
import { GLOB_CHARACTERS, inClusterAlias, reservedNamespace } from './destinations';
import { forbiddenKindName, forbiddenKindsAllowedBy, PLAIN_KIND_PATTERN } from './forbidden-kinds';
import { hasLiteralHost, sourceRepoMatches } from './glob';
import { NAMED_QUOTA_KEYS } from './objects/guardrails';
import { quotaKeyProblem, wholeQuotaResource } from './quota-keys';
import { bundledSchema } from './schema';
import { resolveTenant, type ResolvedTenant } from './tenant';
import type { Peer, Port, Tenant, TenantsValues } from './values.generated';

type Path = (string | number)[];

/** Semantic checks of the tenants beyond the schema; pointers are relative to the feature's values. */
export function validateValues(values: TenantsValues, platform: PlatformInfo): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  const problem = (segments: Path, message: string) => problems.push({ pointer: toPointer(segments), message });
  const tenants = values.tenants ?? [];
  const firstByName = new Map<string, number>();
  const namespaceOwner = new Map<string, { tenant: string; pointer: string }>();

  tenants.forEach((raw, i) => {
    const base: Path = ['tenants', i];
    const t = resolveTenant(raw, bundledSchema());
    if (RESERVED_TENANTS.includes(t.name)) {
      problem([...base, 'name'], `tenant name "${t.name}" is reserved: Argo CD already has a project of that name`);
    }
    const first = firstByName.get(t.name);
    if (first !== undefined) problem([...base, 'name'], `tenant "${t.name}" is defined twice (also at ${toPointer(['tenants', first])})`);
    else firstByName.set(t.name, i);
    if (!t.owners.groups.length && !t.owners.users.length) {
      problem([...base, 'owners'], 'a tenant needs at least one owner: set owners.groups or owners.users');
    }
    checkNamespaces(t, base, namespaceOwner, problem);
    checkGuardrails(t, base, problem);
    checkNetwork(t, base, platform, problem);
    checkArgo(raw, t, base, problem);
  });
  return problems;
}

type Problem = (segments: Path, message: string) => void;

function checkNamespaces(t: ResolvedTenant, base: Path, owners: Map<string, { tenant: string; pointer: string }>, problem: Problem) {
  t.namespaces.forEach((ns, k) => {
    const at: Path = t.defaulted.namespaces ? [...base, 'name'] : [...base, 'namespaces', k, 'name'];
    if (reservedNamespace(ns.name)) {
      problem(at, `namespace "${ns.name}" is reserved for the cluster and the platform; choose another name${t.defaulted.namespaces ? ' (the default namespace is named like the tenant: set namespaces)' : ''}`);
    }
    const owner = owners.get(ns.name);
    if (owner) problem(at, `namespace "${ns.name}" already belongs to tenant "${owner.tenant}" (${owner.pointer}); namespaces are unique across tenants`);
    else owners.set(ns.name, { tenant: t.name, pointer: toPointer(at) });
    for (const key of Object.keys(ns.labels)) {
      if (key === TENANT_LABEL || key === NAME_LABEL || key.startsWith(POD_SECURITY_PREFIX)) {
        problem([...base, 'namespaces', k, 'labels', key], `label "${key}" is set by SCCP; use podSecurity for the Pod Security level`);
      }
    }
  });
}

function checkGuardrails(t: ResolvedTenant, base: Path, problem: Problem) {
  for (const [key, value] of Object.entries(t.quota.additional)) {
    const at: Path = [...base, 'quota', 'additional', key];
    if (NAMED_QUOTA_KEYS.includes(key)) problem(at, `"${key}" is set by a named quota field; set that field instead`);
    else {
      const why = quotaKeyProblem(key) ?? (wholeQuotaResource(key) && !isWholeQuantity(value) ? `"${key}" counts whole units: ${value} is not a whole number` : undefined);
      if (why) problem(at, why);
    }
  }
  // the API server warns "requests.memory should be less than limits.memory" and the quota admits nothing above either
  for (const [request, limit] of QUOTA_REQUEST_LIMITS) {
    const [r, l] = [t.quota[request], t.quota[limit]];
    if (r !== undefined && l !== undefined && (parseQuantity(r) ?? 0) > (parseQuantity(l) ?? Infinity)) {
      problem([...base, 'quota', request], `quota.${request} ${r} (requests.${request}) is more than quota.${limit} ${l} (limits.${request})`);
    }
  }
  const lr = t.limitRange;
  for (const res of ['cpu', 'memory'] as const) {
    const [req, def, max] = [lr.defaultRequest?.[res], lr.default?.[res], lr.max?.[res]];
    if (max !== undefined && def === undefined) {
      problem([...base, 'limitRange', 'default'], `limitRange.max.${res} needs limitRange.default.${res}: a container without a ${res} limit would be refused`);
    }
    const le = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || (parseQuantity(a) ?? 0) <= (parseQuantity(b) ?? Infinity);
    if (!le(req, def)) problem([...base, 'limitRange', 'defaultRequest', res], `defaultRequest.${res} ${req} is more than default.${res} ${def}`);
    if (!le(def, max)) problem([...base, 'limitRange', 'default', res], `default.${res} ${def} is more than max.${res} ${max}`);
    if (def === undefined && !le(req, max)) problem([...base, 'limitRange', 'defaultRequest', res], `defaultRequest.${res} ${req} is more than max.${res} ${max}`);
  }
}

function checkNetwork(t: ResolvedTenant, base: Path, platform: PlatformInfo, problem: Problem) {
  const np = t.networkPolicy;
  const at: Path = [...base, 'networkPolicy'];
  if (!np.defaultDeny) {
    if (np.extraIngress.length) problem([...at, 'extraIngress'], 'extra ingress rules have no effect without defaultDeny (no NetworkPolicy is written)');
    if (np.extraEgress.length) problem([...at, 'extraEgress'], 'extra egress rules have no effect without defaultDeny (no NetworkPolicy is written)');
  }
  np.extraIngress.forEach((r, j) => {
    r.from.forEach((p, k) => checkPeer(p, [...at, 'extraIngress', j, 'from', k], platform, problem));
    (r.ports ?? []).forEach((p, k) => checkPort(p, [...at, 'extraIngress', j, 'ports', k], problem));
  });
  np.extraEgress.forEach((r, j) => {
    r.to.forEach((p, k) => checkPeer(p, [...at, 'extraEgress', j, 'to', k], platform, problem));
    (r.ports ?? []).forEach((p, k) => checkPort(p, [...at, 'extraEgress', j, 'ports', k], problem));
  });
}

function checkPeer(p: Peer, at: Path, platform: PlatformInfo, problem: Problem) {
  const selectors = (['namespace', 'namespaceLabels', 'podLabels'] as const).filter((k) => p[k] !== undefined);
  if (p.cidr !== undefined && selectors.length) problem(at, `a peer is a network (cidr) or a selection of pods (${selectors.join(', ')}), not both: write two peers`);
  if (p.namespace !== undefined && p.namespaceLabels !== undefined) problem([...at, 'namespaceLabels'], 'namespace and namespaceLabels both select namespaces: keep one');
  if (p.except !== undefined && p.cidr === undefined) problem([...at, 'except'], 'except excludes networks from cidr: set cidr');
  const net = p.cidr !== undefined ? parseCidr(p.cidr) : null;
  if (net && !platform.ipFamilies.includes(net.family)) {
    problem([...at, 'cidr'], `${p.cidr} is an ${net.family} network but the platform's IP families are ${platform.ipFamilies.join(', ')}`);
  }
  (p.except ?? []).forEach((e, k) => {
    const ex = parseCidr(e);
    if (net && ex && !contains(net, ex)) problem([...at, 'except', k], `${e} is not inside ${p.cidr}`);
  });
}

function checkPort(p: Port, at: Path, problem: Problem) {
  if (p.endPort === undefined) return;
  if (typeof p.port !== 'number') problem([...at, 'endPort'], `endPort needs a numeric port, not the named port "${p.port}"`);
  else if (p.endPort < p.port) problem([...at, 'endPort'], `endPort ${p.endPort} is below port ${p.port}`);
}

function checkArgo(raw: Tenant, t: ResolvedTenant, base: Path, problem: Problem) {
  // The AppProject's sourceRepos: as written, or environment.repoURL (then it is the pattern).
  t.effectiveSourceRepos.forEach((r, k) => {
    const at: Path = t.sourceRepos.length ? [...base, 'sourceRepos', k] : [...base, 'environment', 'repoURL'];
    if (!hasLiteralHost(r)) {
      problem(at, `"${r}" does not name its host and owner: Argo CD would let the tenant deploy from repositories of any host or owner. Start with a literal https://host/owner/, ssh://user@host/owner/ or user@host:owner/ (globs only after that), or give one exact repository URL`);
    }
  });
  t.clusterResourceAllowList.forEach((r, k) => {
    const at: Path = [...base, 'clusterResourceAllowList', k];
    if (!PLAIN_KIND_PATTERN.test(r.group) || !PLAIN_KIND_PATTERN.test(r.kind)) {
      problem(at, `{group: "${r.group}", kind: "${r.kind}"}: only names, '*' and '?' are allowed`);
      return;
    }
    const hits = forbiddenKindsAllowedBy(r);
    if (hits.length) {
      problem(at, `{group: "${r.group}", kind: "${r.kind}"} would let the tenant create ${hits.map((f) => `${forbiddenKindName(f)} (${f.what})`).join('; ')}; a tenant never holds these. Name a literal group and kind the tenant needs`);
    }
  });
  const owned = new Set(t.namespaces.map((n) => n.name));
  t.destinations.forEach((d, k) => {
    const at: Path = [...base, 'destinations', k];
    if (GLOB_CHARACTERS.test(d.server)) problem([...at, 'server'], `server "${d.server}" is a pattern for Argo CD (it could match this cluster); write the API server URL literally`);
    else if (inClusterAlias(d.server)) problem([...at, 'server'], `server "${d.server}" is this cluster's API server; write it as ${IN_CLUSTER} so its namespaces are checked`);
    // A tenant namespace is never reserved (checkNamespaces): on this cluster, ownership is the check.
    if (GLOB_CHARACTERS.test(d.namespace)) problem([...at, 'namespace'], `namespace "${d.namespace}" is a pattern for Argo CD; name the namespace`);
    else if (d.server === IN_CLUSTER) {
      if (!owned.has(d.namespace)) problem([...at, 'namespace'], `namespace "${d.namespace}" on this cluster is not a namespace of tenant "${t.name}"`);
    } else if (reservedNamespace(d.namespace)) problem([...at, 'namespace'], `namespace "${d.namespace}" is reserved for the cluster and the platform, on every cluster`);
  });
  const env = t.environment;
  if (!env) {
    if (!t.sourceRepos.length) problem([...base, 'sourceRepos'], 'the tenant can deploy from nowhere: set environment or sourceRepos');
    return;
  }
  const first = t.namespaces[0].name;
  if (!t.destinations.some((d) => d.server === IN_CLUSTER && d.namespace === first)) {
    problem([...base, 'destinations'], `the tenant's Application deploys to namespace "${first}" on this cluster, which destinations do not include`);
  }
  if (t.sourceRepos.length && !t.sourceRepos.some((r) => sourceRepoMatches(r, env.repoURL))) {
    problem([...base, 'environment', 'repoURL'], `${env.repoURL} matches none of sourceRepos (${t.sourceRepos.join(', ')}); Argo CD would refuse the Application`);
  }
  const dotdot = (p: string) => p.split('/').includes('..');
  if (dotdot(env.path)) problem([...base, 'environment', 'path'], `path "${env.path}" leaves the repository root ('..')`);
  if (raw.environment?.helm !== undefined && env.type !== 'helm') problem([...base, 'environment', 'helm'], 'helm settings need type: helm');
  env.helm.valueFiles.forEach((f, k) => {
    if (dotdot(f)) problem([...base, 'environment', 'helm', 'valueFiles', k], `values file "${f}" leaves the repository ('..')`);
  });
}
