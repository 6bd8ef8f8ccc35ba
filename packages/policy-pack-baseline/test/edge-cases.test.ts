import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pack from '../src';
import { ENGINES, fourEngines, verdict, type Outcomes } from './four-engines';

/**
 * Edge cases every engine must get right, whatever the fixtures: a container list that is null,
 * empty or absent switches no check off for the other lists; every workload kind is checked; a
 * kind of the same name in another API group is not a workload (its spec means something else).
 */
const IDS = pack.policies.rego.map((f) => path.basename(f, '.rego'));
/** Policies about the pod, not its containers: a violating container does not concern them. */
const POD_LEVEL = ['baseline-no-host-access', 'baseline-ownership-labels', 'baseline-restricted-volumes', 'baseline-sysctls'];
/** Ephemeral containers cannot declare resources, so baseline-resources-required does not look at them. */
const NOT_FOR_EPHEMERAL = ['baseline-resources-required'];
const CONTAINER_POLICIES = IDS.filter((id) => !POD_LEVEL.includes(id));

const LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
type List = (typeof LISTS)[number];
const STATES = ['null', 'empty', 'absent'] as const;
type State = (typeof STATES)[number];

const LABELS = { 'app.kubernetes.io/name': 'web', 'sccp.dev/owner': 'team-shop' };
const good = (name: string) => ({
  name,
  image: 'registry.example.com/shop/web:1.4.2',
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
});
/** A container that breaks every container-level rule of the pack. */
const bad = (name: string) => ({
  name,
  image: 'busybox',
  ports: [{ containerPort: 8080, hostPort: 8080 }],
  livenessProbe: { httpGet: { host: 'metadata.internal', port: 80 } },
  securityContext: {
    privileged: true,
    allowPrivilegeEscalation: true,
    capabilities: { add: ['SYS_ADMIN'] },
    runAsNonRoot: false,
    runAsUser: 0,
    seccompProfile: { type: 'Unconfined' },
    appArmorProfile: { type: 'Unconfined' },
    seLinuxOptions: { type: 'spc_t' },
    procMount: 'Unmasked',
    windowsOptions: { hostProcess: true },
  },
});

function podSpec(lists: Partial<Record<List, unknown[] | null>>): Record<string, unknown> {
  return { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, ...lists };
}

/** The workload kinds and where they keep the pod spec. */
const KINDS: Record<string, { apiVersion: string; wrap: (spec: any) => any }> = {
  Pod: { apiVersion: 'v1', wrap: (spec) => ({ metadata: { labels: LABELS }, spec }) },
  ReplicationController: { apiVersion: 'v1', wrap: (spec) => ({ spec: { template: { metadata: { labels: LABELS }, spec } } }) },
  Deployment: { apiVersion: 'apps/v1', wrap: (spec) => ({ spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec } } }) },
  StatefulSet: { apiVersion: 'apps/v1', wrap: (spec) => ({ spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec } } }) },
  DaemonSet: { apiVersion: 'apps/v1', wrap: (spec) => ({ spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec } } }) },
  ReplicaSet: { apiVersion: 'apps/v1', wrap: (spec) => ({ spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec } } }) },
  Job: { apiVersion: 'batch/v1', wrap: (spec) => ({ spec: { template: { metadata: { labels: LABELS }, spec: { ...spec, restartPolicy: 'Never' } } } }) },
  CronJob: {
    apiVersion: 'batch/v1',
    wrap: (spec) => ({ spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { metadata: { labels: LABELS }, spec: { ...spec, restartPolicy: 'Never' } } } } } }),
  },
};

/** Same-named kinds of other API groups, shaped like the workload so that a kind-only match would deny them. */
const OTHER_GROUPS: [string, string][] = [
  ['example.com/v1', 'Pod'],
  ['apps.example.com/v1', 'Deployment'],
  ['batch.volcano.sh/v1alpha1', 'Job'],
  ['example.com/v1', 'CronJob'],
];

interface Case {
  resource: any;
  /** The lists set to `state` (null, [] or removed). */
  lists: List[];
  state?: State;
  /** The policies that must deny it (none: admitted). */
  deniedBy: string[];
  what: string;
}

const slug = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[^a-z0-9]+/g, '-');
const set = (lists: Record<string, unknown>, list: List, state: State) => {
  if (state === 'null') lists[list] = null;
  else if (state === 'empty') lists[list] = [];
  else delete lists[list];
};

function resource(apiVersion: string, kind: string, name: string, spec: any): any {
  const base = KINDS[kind].wrap(spec);
  return { apiVersion, kind, ...base, metadata: { name, namespace: 'shop', ...(base.metadata ?? {}) } };
}

/**
 * Pod: every combination (a violating container in one list, each other list null, empty or
 * absent; a compliant pod with each list null, empty or absent). The other kinds (the list
 * handling after the pod spec is found is the same code): a violating container in each list with
 * both other lists null, empty or absent, and a compliant pod with its init and ephemeral
 * container lists null, empty or absent. Then the same-named kinds of other groups.
 */
function cases(): Case[] {
  const out: Case[] = [];
  const violating = (kind: string, target: List, others: List[], state: State) => {
    const lists: Record<string, unknown> = { containers: [good('app')] };
    lists[target] = [bad('bad')];
    for (const o of others) set(lists, o, state);
    const name = `${slug(kind)}-bad-${slug(target)}-${others.map(slug).join('-')}-${state}`;
    const deniedBy = CONTAINER_POLICIES.filter((id) => !(target === 'ephemeralContainers' && NOT_FOR_EPHEMERAL.includes(id)));
    out.push({ resource: resource(KINDS[kind].apiVersion, kind, name, podSpec(lists)), lists: others, state, deniedBy, what: `${kind}: a violating container in ${target}, ${others.join(' and ')} ${state}` });
  };
  const compliant = (kind: string, lists: List[], state: State) => {
    const all: Record<string, unknown> = { containers: [good('app')], initContainers: [good('init')], ephemeralContainers: [good('debug')] };
    for (const l of lists) set(all, l, state);
    const name = `${slug(kind)}-good-${lists.map(slug).join('-')}-${state}`;
    out.push({ resource: resource(KINDS[kind].apiVersion, kind, name, podSpec(all)), lists, state, deniedBy: [], what: `${kind}: compliant, ${lists.join(' and ')} ${state}` });
  };
  for (const kind of Object.keys(KINDS)) {
    for (const state of STATES) {
      for (const target of LISTS) {
        const others = LISTS.filter((l) => l !== target);
        if (kind === 'Pod') for (const o of others) violating(kind, target, [o], state);
        else violating(kind, target, others, state);
      }
      if (kind === 'Pod') for (const l of LISTS) compliant(kind, [l], state);
      else compliant(kind, ['initContainers', 'ephemeralContainers'], state);
    }
  }
  for (const [apiVersion, kind] of OTHER_GROUPS) {
    for (const target of LISTS) {
      const lists: Record<string, unknown> = { containers: [good('app')], initContainers: null };
      lists[target] = [bad('bad')];
      const name = `${apiVersion.split('/')[0].replace(/\./g, '-')}-${slug(kind)}-bad-${slug(target)}`;
      out.push({ resource: resource(apiVersion, kind, name, podSpec(lists)), lists: ['initContainers'], state: 'null', deniedBy: [], what: `${apiVersion} ${kind} (not a workload): a violating container in ${target}` });
    }
  }
  return out;
}

const t = suite('edge cases: null, empty and absent container lists, every workload kind, other API groups');
const all = cases();
let outcomes: Outcomes | undefined;
const get = () => {
  if (!outcomes) {
    const started = Date.now();
    outcomes = fourEngines(IDS, all.map((c) => c.resource));
    console.log(`  (${all.length} resources × ${IDS.length} policies × 4 engines in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return outcomes;
};

t('every workload kind, with each container list null, empty and absent next to a violating container', () => {
  const kinds = Object.keys(KINDS);
  assert.is(all.length, 3 * 3 * 2 + 3 * 3 + (kinds.length - 1) * (3 * 3 + 3) + OTHER_GROUPS.length * 3);
  for (const kind of kinds)
    for (const list of LISTS)
      for (const state of STATES) {
        const mine = all.filter((c) => c.resource.apiVersion === KINDS[kind].apiVersion && c.resource.kind === kind && c.state === state && c.lists.includes(list));
        assert.ok(mine.some((c) => c.deniedBy.length), `${kind}: a violating container with ${list} ${state}`);
        if (list !== 'containers' || kind === 'Pod') assert.ok(mine.some((c) => !c.deniedBy.length), `${kind}: a compliant pod with ${list} ${state}`);
      }
});

t('each engine denies exactly with the expected policies (no error, no list switches a check off, other groups ignored)', () => {
  const o = get();
  const wrong: string[] = [];
  for (const c of all) {
    for (const e of ENGINES) {
      const r = o[e].get(c.resource.metadata.name);
      if (r?.errors.length) {
        wrong.push(`${e}: ${c.what} (${c.resource.metadata.name}): error ${JSON.stringify(r.errors)}`);
        continue;
      }
      const denied = Object.keys(r?.denied ?? {}).sort();
      const missing = c.deniedBy.filter((p) => !denied.includes(p));
      const extra = denied.filter((p) => !c.deniedBy.includes(p));
      if (missing.length || extra.length)
        wrong.push(`${e}: ${c.what} (${c.resource.metadata.name}):${missing.length ? ` not denied by ${missing.join(', ')}` : ''}${extra.length ? ` denied by ${extra.join(', ')}` : ''}`);
    }
  }
  assert.is(wrong.length, 0, `${wrong.length} wrong verdicts:\n${wrong.join('\n')}`);
});

t('the four engines agree on every resource', () => {
  const o = get();
  const disagreements = all
    .map((c) => ({ c, v: ENGINES.map((e) => verdict(o[e].get(c.resource.metadata.name))) }))
    .filter(({ v }) => new Set(v).size > 1)
    .map(({ c, v }) => `${c.what}: ${ENGINES.map((e, i) => `${e} ${v[i]}`).join(', ')}`);
  assert.is(disagreements.length, 0, disagreements.join('\n'));
});

t.run();
