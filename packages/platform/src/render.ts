import { GENERATED_HEADER, UserError, describeCharacter, isDnsLabel, unsafeCharactersInText, toPointer, chartFiles, emitJson, emitYaml, emitYamlStream, safeJoin, type FileTree, type RenderContext, type RenderOutput } from '@sccp/core';
import { featureApplication, platformProject, policiesApplication, rootApplication } from './argo';
import { POLICIES_DIR, POLICY_RECORD, policyBundle, policyRecord } from './policy-bundle';
import type { Plan } from './plan';
import { readme } from './readme';

export interface RenderedFeature {
  name: string;
  output: RenderOutput;
}

/** Run a feature's render; its UserErrors (pointers into platform.yaml) get the file and position. */
function renderFeature<T>(plan: Plan, name: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const src = plan.spec.source;
    throw new UserError(
      e.diagnostics.map((d) => {
        if (d.file) return d;
        const pointer = d.pointer ?? toPointer(['features', name]);
        const pos = src?.locate(pointer, false);
        return { ...d, file: plan.spec.file, pointer, line: pos?.line, col: pos?.col };
      }),
    );
  }
}

/**
 * No generated file carries a control, bidirectional or invisible formatting character: the emitters
 * and the README escape them, so only a feature's own chart templates (its package's text, which
 * cannot be escaped without changing what Helm renders) can, and those are refused.
 */
function refuseUnsafeText(tree: FileTree): void {
  const problems: string[] = [];
  for (const [file, content] of tree) {
    const [first] = unsafeCharactersInText(content);
    if (!first) continue;
    const before = content.slice(0, first.index).split('\n');
    problems.push(`${file}:${before.length}:${before[before.length - 1].length + 1}: contains ${describeCharacter(first.char)}; a generated file must not carry control or bidirectional formatting characters (fix the feature package that wrote it)`);
  }
  if (problems.length) throw new UserError(problems.map((message) => ({ message })));
}

/** The whole app-of-apps repository as an in-memory tree. Pure: same plan, same bytes. */
export function renderPlatform(plan: Plan): { tree: FileTree; rendered: RenderedFeature[] } {
  const tree: FileTree = new Map();
  const enabled = plan.features.map((p) => p.feature.name).sort();
  const namespaces = Object.fromEntries(plan.features.map((p) => [p.feature.name, p.feature.namespace]));
  const rendered: RenderedFeature[] = [];
  for (const p of plan.features) {
    const ctx: RenderContext = {
      platform: plan.spec.info,
      feature: { name: p.feature.name, namespace: p.feature.namespace, wave: p.wave },
      enabled,
      namespaces,
      provides: plan.provides,
      contributions: plan.contributions,
    };
    const output = renderFeature(plan, p.feature.name, () => p.feature.render(p.values, ctx));
    for (const ns of output.extraNamespaces ?? []) {
      // a destination of the platform AppProject: a name, never a pattern (`*` would open every namespace)
      if (!isDnsLabel(ns)) throw new Error(`feature ${p.feature.name}: extraNamespaces entry "${ns}" is not a namespace name (DNS-1123 label)`);
    }
    rendered.push({ name: p.feature.name, output });
    if (p.feature.delivery === 'manifests') {
      for (const [file, objects] of Object.entries(output.manifests ?? {})) {
        safeJoin(`/${p.feature.name}`, file); // refuse paths that would leave the feature's folder
        if (!/\.ya?ml$/.test(file)) throw new Error(`feature ${p.feature.name}: manifest file "${file}" must end in .yaml`);
        tree.set(`${p.feature.name}/${file}`, GENERATED_HEADER + emitYamlStream(objects));
      }
    } else for (const [file, content] of chartFiles(p.feature, output)) tree.set(`charts/${p.feature.name}/${file}`, content);
    tree.set(`apps/${p.feature.name}.yaml`, GENERATED_HEADER + emitYaml(featureApplication(plan, p, output)));
  }
  tree.set(POLICY_RECORD, emitJson(policyRecord(plan)));
  const controller = plan.spec.admission.controller;
  const bundled: Record<string, unknown>[] = [];
  if (controller !== 'none') {
    for (const [file, objects] of Object.entries(policyBundle(plan))) {
      tree.set(`${POLICIES_DIR}/${file}`, GENERATED_HEADER + emitYamlStream(objects));
      bundled.push(...objects);
    }
    const ns = plan.features.find((p) => p.feature.name === controller)!.feature.namespace;
    tree.set('apps/policies.yaml', GENERATED_HEADER + emitYaml(policiesApplication(plan, ns)));
  }
  tree.set('bootstrap/project.yaml', GENERATED_HEADER + emitYaml(platformProject(plan, rendered, bundled)));
  tree.set('bootstrap/root-app.yaml', GENERATED_HEADER + emitYaml(rootApplication(plan)));
  tree.set('README.md', readme(plan, rendered));
  refuseUnsafeText(tree);
  return { tree: new Map([...tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), rendered };
}
