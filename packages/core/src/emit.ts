import { Document, visit } from 'yaml';
import { sortKeys } from './schema';
import { escapeUnsafe, UNSAFE_CHARACTER } from './text-safety';

/**
 * Strings a YAML 1.1 reader (Helm, Go's yaml.v2, kubectl) would take for booleans, null, octal,
 * sexagesimal or special floats: always quoted, so they stay strings everywhere.
 */
const YAML11_SPECIAL =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|[-+]?(?:0b[01_]+|0[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)))$/;

/**
 * Strings Go's yaml.v2 (Helm's values, kubectl) reads as numbers because it drops underscores first:
 * `3_` and `1_000` are integers there, `1_0.5` a float, though YAML 1.2 reads them as strings.
 */
const GO_NUMBER = /^[-+]?(?:0[xXoObB][0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)$/;
const goNumber = (s: string) => s.includes('_') && /^[-+.0-9]/.test(s) && GO_NUMBER.test(s.replace(/_/g, ''));

export interface EmitOptions {
  /** Sort mapping keys (default true): for data whose key order has no meaning. */
  sort?: boolean;
}

/**
 * Serialise data as YAML deterministically: sorted keys, no line folding, LF endings, and any
 * string that contains a template delimiter, or that YAML 1.1 would read as another type,
 * double-quoted so it reads back as the same literal string. A string (or key) with a control,
 * bidirectional or invisible formatting character (text-safety.ts) is double-quoted too, with the
 * character written as a `\uXXXX` escape: no generated file carries one raw.
 */
export function emitYaml(value: unknown, opts: EmitOptions = {}): string {
  const data = opts.sort === false ? value : sortKeys(value);
  const doc = new Document(data, { version: '1.2' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && (/\{\{|\}\}|\{%/.test(node.value) || YAML11_SPECIAL.test(node.value) || goNumber(node.value) || UNSAFE_CHARACTER.test(node.value)))
        node.type = 'QUOTE_DOUBLE';
    },
  });
  // Only double-quoted scalars can hold an unsafe character here (no comments, no line folding), and there `\uXXXX` is an escape.
  return escapeUnsafe(doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true, defaultKeyType: 'PLAIN' }));
}

/** Several manifests in one YAML stream. */
export function emitYamlStream(values: unknown[], opts: EmitOptions = {}): string {
  return values.map((v) => emitYaml(v, opts)).join('---\n');
}

/** Deterministic JSON: sorted keys, two-space indent, trailing newline. */
export function emitJson(value: unknown, opts: EmitOptions = {}): string {
  // JSON.stringify escapes C0 controls only; the other unsafe characters can only be inside strings, where `\uXXXX` is an escape.
  return escapeUnsafe(JSON.stringify(opts.sort === false ? value : sortKeys(value), null, 2)) + '\n';
}

