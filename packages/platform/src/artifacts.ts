import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_PLATFORM, chartFiles, emitJson, emitYamlStream, gatekeeperPolicies, sharedDefs, standaloneContext, type FileTree } from '@sccp/core';
import { policySources } from './admission';
import { BUILTIN_PACK_PACKAGES } from './packs';
import { composeSchema } from './compose';
import type { Registry } from './load';

const GATEKEEPER_HEADER = '# Generated from the Rego policy by `npm run generate` (default parameters, dryrun). Do not edit.\n';

/** Folders of the monorepo root that only this generator writes. */
export const ARTIFACT_DIRS = ['charts', 'policies', 'schemas'];

/**
 * The committed, generated artifacts: each feature's chart with default values, the bundled policy
 * sources, and the schemas editors use. Paths are relative to the monorepo root.
 */
export function artifactTree(registry: Registry): FileTree {
  const tree: FileTree = new Map();
  tree.set('schemas/platform.schema.json', emitJson(composeSchema(registry.list()), { sort: false }));
  tree.set('schemas/defs.json', emitJson(sharedDefs(), { sort: false }));
  for (const f of registry.list()) {
    if (f.delivery !== 'manifests') {
      const out = f.render(f.defaults, standaloneContext(f, DEFAULT_PLATFORM));
      for (const [p, content] of chartFiles(f, out)) tree.set(`charts/${f.name}/${p}`, content);
    }
  }
  // The policy sources of every feature and pack, and their Gatekeeper form (default parameters, dryrun).
  for (const { owner, source } of policySources(registry.list(), Object.keys(BUILTIN_PACK_PACKAGES).sort())) {
    for (const p of [...source.policies.kyverno, ...source.policies.rego]) {
      const kind = p.startsWith('policies/kyverno/') ? 'kyverno' : 'rego';
      tree.set(`policies/${kind}/${owner.name}/${path.basename(p)}`, fs.readFileSync(path.join(source.packageDir, p), 'utf8'));
    }
    for (const g of gatekeeperPolicies(source)) tree.set(`policies/gatekeeper/${owner.name}/${g.id}.yaml`, GATEKEEPER_HEADER + emitYamlStream([g.template, g.constraint]));
  }
  return new Map([...tree].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function existing(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out.push(path.relative(root, f).split(path.sep).join('/'));
    }
  };
  for (const d of ARTIFACT_DIRS) walk(path.join(root, d));
  return out.sort();
}

/** Files that differ from what the generator produces (empty when up to date). */
export function artifactDrift(root: string, tree: FileTree): string[] {
  const drift: string[] = [];
  for (const [p, content] of tree) {
    const f = path.join(root, p);
    if (!fs.existsSync(f) || fs.readFileSync(f, 'utf8') !== content) drift.push(p);
  }
  for (const p of existing(root)) if (!tree.has(p) && !p.endsWith('/.gitkeep')) drift.push(p);
  return drift.sort();
}

export function writeArtifacts(root: string, tree: FileTree): string[] {
  const changed = artifactDrift(root, tree);
  for (const p of existing(root)) if (!tree.has(p) && !p.endsWith('/.gitkeep')) fs.rmSync(path.join(root, p));
  for (const [p, content] of tree) {
    const f = path.join(root, p);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    if (!fs.existsSync(f) || fs.readFileSync(f, 'utf8') !== content) fs.writeFileSync(f, content);
  }
  return changed;
}
