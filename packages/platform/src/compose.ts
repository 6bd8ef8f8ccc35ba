import * as fs from 'node:fs';
import * as path from 'node:path';
import { hoist, sortKeys, type Feature, type JsonSchema } from '@sccp/core';

export const SCHEMA_URL = 'https://sccp.dev/schemas/platform.schema.json';

export function platformLevelSchema(): JsonSchema {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'platform.schema.json'), 'utf8'));
}

/**
 * The composed platform schema: platform-level fields plus, under `features.<name>`, each feature's
 * own schema as `values`. Self-contained (all $defs hoisted), so editors and ajv use the same file.
 */
export function composeSchema(features: Feature[]): JsonSchema {
  const base = hoist(platformLevelSchema());
  const defs: Record<string, JsonSchema> = { ...base.defs };
  const props: Record<string, JsonSchema> = {};
  for (const f of [...features].sort((a, b) => a.name.localeCompare(b.name))) {
    const h = hoist(f.schema, `${f.name}.`);
    Object.assign(defs, h.defs);
    props[f.name] = {
      type: 'object',
      description: `${f.description} (${f.packageName} ${f.version})`,
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', default: true, description: `Set false to keep the entry but not deploy ${f.name}.` },
        package: { const: f.packageName, description: `npm package of the feature (needed only for features that are not built into sccp).` },
        values: { ...h.schema, description: `Values of ${f.name}, validated by ${f.packageName}/schema.json.` },
      },
    };
  }
  const schema = base.schema;
  schema.properties.features = { ...schema.properties.features, additionalProperties: false, properties: props };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_URL,
    ...schema,
    $defs: sortKeys(defs),
  };
}
