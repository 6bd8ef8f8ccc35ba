import type { JsonSchema } from './schema';

/**
 * TypeScript declarations for a bundled schema, via json-schema-to-typescript (a development
 * dependency: only the `generate` targets call this).
 */
export async function generateTypes(bundled: JsonSchema, typeName: string, sourceName: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compile } = require('json-schema-to-typescript') as typeof import('json-schema-to-typescript');
  const schema = { ...bundled, title: typeName };
  return compile(schema as any, typeName, {
    bannerComment: `/* Generated from ${sourceName} by json-schema-to-typescript. Do not edit: run \`npm run generate\`. */`,
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: false,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}
