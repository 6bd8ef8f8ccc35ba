import * as path from 'node:path';
import { bundle, loadSchema, type JsonSchema } from '@sccp/core';

let cached: JsonSchema | undefined;
/** schema.json, self-contained (the tenant item's defaults are read from it). */
export function bundledSchema(): JsonSchema {
  cached ??= bundle(loadSchema(path.join(__dirname, '..', 'schema.json')));
  return cached;
}
