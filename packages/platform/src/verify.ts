import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments, parse } from "yaml";
import { UserError, loadRegoRunner, MANIFEST, type Feature, type RegoRunner } from '@sccp/core';
import { exceptionCovers } from './exceptions';
import { requireFeature } from './external';
import { loadPack } from './packs';
import { POLICY_RECORD, type PolicyRecord } from './policy-bundle';
import type { Registry } from './load';

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
}

interface Doc {
  file: string;
  resource: any;
}

function yamlDocs(file: string, rel: string, text = fs.readFileSync(file, 'utf8')): Doc[] {
  return (parseAllDocuments(text) as { toJS(): any }[])
    .map((d) => d.toJS())
    .filter((r) => r && typeof r === 'object' && r.kind)
    .map((resource) => ({ file: rel, resource }));
}

function walkYaml(dir: string, root: string): Doc[] {
  if (!fs.existsSync(dir)) return [];
  const out: Doc[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walkYaml(f, root));
    else if (/\.ya?ml$/.test(e.name)) out.push(...yamlDocs(f, path.relative(root, f).split(path.sep).join('/')));
  }
  return out;
}

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
function renderChartExtras(helm: string, chartDir: string, name: string, namespace: string): Doc[] {
  if (!fs.existsSync(path.join(chartDir, 'templates'))) return [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-verify-'));
  try {
    const copy = path.join(tmp, name);
    fs.cpSync(chartDir, copy, { recursive: true });
    fs.rmSync(path.join(copy, 'charts'), { recursive: true, force: true });
    const chart = parse(fs.readFileSync(path.join(copy, 'Chart.yaml'), 'utf8'));
    delete chart.dependencies;
    fs.writeFileSync(path.join(copy, 'Chart.yaml'), JSON.stringify(chart));
    const r = spawnSync(helm, ['template', name, copy, '--namespace', namespace], { encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: path.join(tmp, 'c'), HELM_CONFIG_HOME: path.join(tmp, 'f'), HELM_DATA_HOME: path.join(tmp, 'd') } });
    if (r.status !== 0) throw new UserError(`charts/${name}: helm template failed:\n${r.stderr.trim()}`);
    return yamlDocs('', `charts/${name} (rendered)`, r.stdout);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const describe = (r: any) => `${r.kind}/${r.metadata?.namespace ? `${r.metadata.namespace}/` : ''}${r.metadata?.name ?? '?'}`;

/** Evaluate the enabled features' Rego policies (wasm) on the generated repository. */
export function verifyRepository(repo: string, registry: Registry, opts: { helm?: string } = {}): VerifyReport {
  if (!fs.existsSync(path.join(repo, MANIFEST))) throw new UserError(`${repo}: not an SCCP-generated repository (no ${MANIFEST}); run \`sccp build\` first`);
  // the enabled features are the ones with an Application in apps/ (label sccp.dev/feature)
  const features: Feature[] = [];
  const namespaces: Record<string, string> = {};
  const chartsDir = path.join(repo, 'charts');
  for (const d of walkYaml(path.join(repo, 'apps'), repo)) {
    const name = d.resource.metadata?.labels?.['sccp.dev/feature'];
    if (typeof name !== 'string') continue;
    let f = registry.features.get(name);
    if (!f) {
      // a feature from an npm package outside sccp: the Application names its package
      const pkg = String(d.resource.metadata?.annotations?.['sccp.dev/package'] ?? '').replace(/@[^@/]+$/, '');
      try {
        f = pkg ? requireFeature(pkg, [repo, process.cwd()]) : undefined;
      } catch {
        f = undefined;
      }
      if (!f) throw new UserError(`${d.file}: feature "${name}"${pkg ? ` (package ${pkg})` : ''} is not installed here; install its package to verify its policies`);
    }
    features.push(f);
    namespaces[name] = f.namespace;
  }
  features.sort((a, b) => a.name.localeCompare(b.name));
  const runners: RegoRunner[] = [];
  const policies: Record<string, string[]> = {};
  // every policy sees the enabled features' values as data.parameters.<feature> (e.g. cert-manager's maximum duration)
  const parameters: Record<string, unknown> = {};
  for (const f of features) {
    const file = path.join(chartsDir, f.name, 'values.yaml');
    parameters[f.name] = fs.existsSync(file) ? (parse(fs.readFileSync(file, 'utf8'))?.sccp ?? {}) : {};
  }
  for (const f of features) {
    const r = loadRegoRunner(f, { parameters });
    if (r) {
      runners.push(r);
      policies[f.name] = r.policies;
    }
  }
  // the enabled packs with the parameters the platform gave them, and the exceptions (.sccp/policies.json)
  const recordFile = path.join(repo, POLICY_RECORD);
  const record: PolicyRecord | undefined = fs.existsSync(recordFile) ? JSON.parse(fs.readFileSync(recordFile, 'utf8')) : undefined;
  for (const [name, params] of Object.entries(record?.packs ?? {})) {
    const pack = loadPack(name).default;
    const r = loadRegoRunner(pack, { parameters: params });
    if (r) {
      runners.push(r);
      policies[`pack ${name}`] = r.policies;
    }
  }
  const exceptions = record?.exceptions ?? [];
  const docs = [...walkYaml(path.join(repo, 'bootstrap'), repo), ...walkYaml(path.join(repo, 'apps'), repo), ...walkYaml(path.join(repo, 'policies'), repo)];
  // features delivered as plain manifests (tenants) live in <feature>/
  for (const f of features) if (f.delivery === 'manifests') docs.push(...walkYaml(path.join(repo, f.name), repo));
  const skipped: string[] = [];
  const helm = findHelm(opts.helm);
  let chartsRendered = 0;
  for (const f of features) {
    if (f.delivery === 'manifests') continue;
    if (!helm) {
      skipped.push(`charts/${f.name}/templates (helm not found: pass --helm or put helm on PATH)`);
      continue;
    }
    docs.push(...renderChartExtras(helm, path.join(chartsDir, f.name), f.name, namespaces[f.name]));
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
  return { policies, resources: docs.length, chartsRendered, skipped, violations, excepted };
}
