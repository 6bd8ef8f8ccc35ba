import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError, loadRegoRunner, MANIFEST, type Feature, type RegoRunner } from '@sccp/core';
import { exceptionCovers } from './exceptions';
import { loadPack } from './packs';
import type { Registry } from './load';
import { checkRepository, type RepositoryCheck } from './verify-files';
import { applicationFeature, chartMetadata, chartParameters, readPolicyRecord, repoResources, resourcesOf } from './verify-inputs';
import { assertNoLinks, readRepoText } from './repo-yaml';

export interface Violation {
  file: string;
  resource: string;
  policy: string;
  message: string;
}

export interface VerifyReport {
  /** Violations a declared or platform exception covers (not failures). */
  excepted: (Violation & { reason: string })[];
  /** Policies evaluated, by feature. */
  policies: Record<string, string[]>;
  /** Number of resources checked. */
  resources: number;
  /** Charts whose own templates were rendered with helm (0 when helm was not available). */
  chartsRendered: number;
  skipped: string[];
  violations: Violation[];
  /** Files in the folders Argo CD syncs that SCCP does not manage (verify fails when there is one). */
  unmanaged: RepositoryCheck['unmanaged'];
  /** Files SCCP manages whose content differs from their hash in .sccp/managed.json (hand edits). */
  modified: string[];
  /** With `platform`: how the repository differs from a fresh build of that platform.yaml. */
  rebuild?: RepositoryCheck['rebuild'];
}

// what verify reads from the repository (YAML as Argo CD reads it, no symbolic links): verify-inputs.ts
type Doc = import('./verify-inputs').RepoResource;

/** Find helm: --helm, then $SCCP_HELM, then PATH. */
export function findHelm(explicit?: string): string | undefined {
  if (explicit) return explicit;
  if (process.env.SCCP_HELM) return process.env.SCCP_HELM;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const f = path.join(dir, 'helm');
    if (dir && fs.existsSync(f)) return f;
  }
  return undefined;
}

/**
 * Render a wrapper chart's own templates offline: a temp copy without its upstream dependencies
 * (those are the upstream project's, and need the network).
 */
function renderChartExtras(helm: string, repo: string, name: string, namespace: string): Doc[] {
  const chartDir = path.join(repo, 'charts', name);
  // helm follows symbolic links in a chart: none may point it at files outside the repository
  assertNoLinks(repo, `charts/${name}`);
  if (!fs.existsSync(path.join(chartDir, 'templates'))) return [];
  const chartText = readRepoText(repo, `charts/${name}/Chart.yaml`);
  if (chartText === undefined) throw new UserError([{ file: `charts/${name}/Chart.yaml`, message: 'missing: a wrapper chart needs its Chart.yaml' }]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-verify-'));
  try {
    const copy = path.join(tmp, name);
    fs.cpSync(chartDir, copy, { recursive: true });
    fs.rmSync(path.join(copy, 'charts'), { recursive: true, force: true });
    // the Chart.yaml as Argo CD reads it (YAML 1.1), without dependencies (file:// ones could point outside the chart)
    const chart = chartMetadata(chartText, `charts/${name}/Chart.yaml`);
    delete chart.dependencies;
    fs.writeFileSync(path.join(copy, 'Chart.yaml'), JSON.stringify(chart));
    const home = { HELM_CACHE_HOME: path.join(tmp, 'c'), HELM_CONFIG_HOME: path.join(tmp, 'f'), HELM_DATA_HOME: path.join(tmp, 'd'), HELM_PLUGINS: path.join(tmp, 'p') };
    const r = spawnSync(helm, ['template', name, copy, '--namespace', namespace], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000, env: { ...process.env, ...home } });
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new UserError([{ file: `charts/${name}`, message: 'helm template did not finish in 120 s' }]);
    if (r.status !== 0) throw new UserError([{ file: `charts/${name}`, message: `helm template failed:\n${(r.stderr ?? String(r.error ?? '')).trim()}` }]);
    return resourcesOf(r.stdout, `charts/${name} (rendered)`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const describe = (r: any) => `${r.kind}/${r.metadata?.namespace ? `${r.metadata.namespace}/` : ''}${r.metadata?.name ?? '?'}`;

/** Evaluate the enabled features' Rego policies (wasm) on the generated repository. */
export function verifyRepository(repo: string, registry: Registry, opts: { helm?: string; platform?: string; featurePaths?: string[] } = {}): VerifyReport {
  if (!fs.existsSync(path.join(repo, MANIFEST))) throw new UserError(`${repo}: not an SCCP-generated repository (no ${MANIFEST}); run \`sccp build\` first`);
  // the enabled features are the ones with an Application in apps/ (label sccp.dev/feature)
  const features: Feature[] = [];
  const namespaces: Record<string, string> = {};
  const apps = repoResources(repo, 'apps');
  for (const d of apps) {
    // built in, or an installed package (never code from the repository: see loadInstalledFeature)
    const f = applicationFeature(d, registry, { repo, featurePaths: opts.featurePaths });
    if (!f || namespaces[f.name] !== undefined) continue;
    features.push(f);
    namespaces[f.name] = f.namespace;
  }
  features.sort((a, b) => a.name.localeCompare(b.name));
  const runners: RegoRunner[] = [];
  const policies: Record<string, string[]> = {};
  // every policy sees the enabled features' values as data.parameters.<feature> (e.g. cert-manager's maximum duration)
  const parameters: Record<string, unknown> = {};
  for (const f of features) parameters[f.name] = chartParameters(repo, f.name);
  for (const f of features) {
    const r = loadRegoRunner(f, { parameters });
    if (r) {
      runners.push(r);
      policies[f.name] = r.policies;
    }
  }
  // the enabled packs with the parameters the platform gave them, and the exceptions (.sccp/policies.json)
  const record = readPolicyRecord(repo);
  for (const [name, params] of Object.entries(record?.packs ?? {})) {
    const pack = loadPack(name).default;
    const r = loadRegoRunner(pack, { parameters: params });
    if (r) {
      runners.push(r);
      policies[`pack ${name}`] = r.policies;
    }
  }
  const exceptions = record?.exceptions ?? [];
  const docs = [...repoResources(repo, 'bootstrap'), ...apps, ...repoResources(repo, 'policies')];
  // features delivered as plain manifests (tenants) live in <feature>/
  for (const f of features) if (f.delivery === 'manifests') docs.push(...repoResources(repo, f.name));
  const skipped: string[] = [];
  const helm = findHelm(opts.helm);
  let chartsRendered = 0;
  for (const f of features) {
    if (f.delivery === 'manifests') continue;
    if (!helm) {
      skipped.push(`charts/${f.name}/templates (helm not found: pass --helm or put helm on PATH)`);
      continue;
    }
    docs.push(...renderChartExtras(helm, repo, f.name, namespaces[f.name]));
    chartsRendered++;
  }
  const violations: Violation[] = [];
  const excepted: VerifyReport['excepted'] = [];
  for (const d of docs) {
    for (const runner of runners) {
      for (const v of runner.evaluate(d.resource)) {
        const exception = exceptions.find((e) => exceptionCovers(e, v.policy, d.resource));
        for (const message of v.messages) {
          const violation = { file: d.file, resource: describe(d.resource), policy: v.policy, message };
          if (exception) excepted.push({ ...violation, reason: exception.reason });
          else violations.push(violation);
        }
      }
    }
  }
  const files = checkRepository(repo, features.filter((f) => f.delivery === 'manifests').map((f) => f.name), registry, opts.platform);
  return { policies, resources: docs.length, chartsRendered, skipped, violations, excepted, ...files };
}
