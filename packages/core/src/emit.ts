import { Document, visit } from 'yaml';
import { sortKeys } from './schema';

export interface EmitOptions {
  /** Sort mapping keys (default true): for data whose key order has no meaning. */
  sort?: boolean;
}

/**
 * Serialise data as YAML deterministically: sorted keys, no line folding, LF endings, and any
 * string that contains a template delimiter double-quoted so it reads back as the same literal string.
 */
export function emitYaml(value: unknown, opts: EmitOptions = {}): string {
  const data = opts.sort === false ? value : sortKeys(value);
  const doc = new Document(data, { version: '1.2' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /\{\{|\}\}|\{%/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true, defaultKeyType: 'PLAIN' });
}

/** Several manifests in one YAML stream. */
export function emitYamlStream(values: unknown[], opts: EmitOptions = {}): string {
  return values.map((v) => emitYaml(v, opts)).join('---\n');
}

/** Deterministic JSON: sorted keys, two-space indent, trailing newline. */
export function emitJson(value: unknown, opts: EmitOptions = {}): string {
  return JSON.stringify(opts.sort === false ? value : sortKeys(value), null, 2) + '\n';
}

