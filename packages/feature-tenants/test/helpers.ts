import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { compileValidator, deepMerge, emitYamlStream, type RenderContext } from '@sccp/core';
import { runEngine, type RunResult } from '@sccp/test-kit';
import feature from '../src';
import type { TenantsValues } from '../src';

export const validateSchema = compileValidator(feature.bundledSchema);

/** What the platform does: schema defaults under the values, schema check, validate(), render. */
export function render(values: TenantsValues, ctx: RenderContext) {
  const merged = deepMerge<TenantsValues>(feature.defaults, values);
  const schemaProblems = validateSchema(merged);
  if (schemaProblems.length) throw new Error('schema: ' + JSON.stringify(schemaProblems));
  const problems = feature.validate!(merged, ctx.platform);
  if (problems.length) throw new Error('validate: ' + JSON.stringify(problems));
  return feature.render(merged, ctx);
}

export function manifests(values: TenantsValues, ctx: RenderContext): Record<string, any[]> {
  const out = render(values, ctx);
  if (!out.manifests) throw new Error('no manifests');
  return out.manifests as Record<string, any[]>;
}

/** Each file as the platform writes it (emitYamlStream), parsed back. */
export function emitted(files: Record<string, any[]>): Record<string, { text: string; objects: any[] }> {
  return Object.fromEntries(
    Object.entries(files).map(([file, objects]) => {
      const text = emitYamlStream(objects);
      const docs = parseAllDocuments(text);
      for (const d of docs) if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
      return [file, { text, objects: docs.map((d) => d.toJS()) }];
    }),
  );
}

/** `kyverno apply` of the feature's Kyverno policies to a YAML stream. */
export function kyvernoApply(yamlText: string): RunResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-tenants-'));
  const file = path.join(dir, 'tenants.yaml');
  fs.writeFileSync(file, yamlText);
  const policies = feature.policies.kyverno.map((p) => path.join(feature.packageDir, p));
  return runEngine('kyverno', ['apply', ...policies, '--resource', file]);
}
