import * as path from 'node:path';
import { UserError } from './errors';

/** RFC 1123 label as Kubernetes uses it for names of most resources (max 63). */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain (max 253): dot-separated labels. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

/**
 * Whether YAML (go-yaml v2 under sigs.k8s.io/yaml, as Helm, Argo CD and kubectl read manifests) reads
 * the plain scalar as something other than a string: a number (3, 1.5, 1e3, 0x1f) or a boolean or
 * null word (on, no, y, true, null). An upstream chart that writes a value unquoted then hands the
 * API server a number or a boolean.
 */
export function yamlReadsAsNonString(s: string): boolean {
  return (
    /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$/.test(s) ||
    /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s) ||
    /^[-+]?0x[0-9a-fA-F_]+$/.test(s) ||
    /^[-+]?0b[01_]+$/.test(s) ||
    /^[-+]?[0-9][0-9_]*$/.test(s)
  );
}

/** The name of a class (StorageClass, IngressClass) the upstream charts write unquoted: a DNS subdomain YAML reads as a string. */
export function isClassName(s: string): boolean {
  return isDnsSubdomain(s) && !yamlReadsAsNonString(s);
}

/** The name part of a Kubernetes qualified name or a label value (without the length limit). */
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** A label key as the API server checks it (a qualified name): `[prefix/]name`, prefix a DNS subdomain, name at most 63. */
export function isLabelKey(s: string): boolean {
  const slash = s.lastIndexOf('/');
  const name = s.slice(slash + 1);
  return name.length <= 63 && LABEL_NAME.test(name) && (slash < 0 || isDnsSubdomain(s.slice(0, slash)));
}

/** A label value as the API server checks it: empty, or at most 63 of letters, digits, '-', '_', '.', alphanumeric at both ends. */
export function isLabelValue(s: string): boolean {
  return s === '' || (s.length <= 63 && LABEL_NAME.test(s));
}

/**
 * Whether `rel` is a normalised relative path with forward slashes that stays inside the directory it
 * is relative to: not empty, not absolute, no `.`, `..` or empty segments, no backslash, no NUL.
 */
export function isSafeRelPath(rel: string): boolean {
  return (
    rel.length > 0 &&
    !rel.includes('\0') &&
    !rel.includes('\\') &&
    !rel.startsWith('/') &&
    !rel.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')
  );
}

/**
 * Join a relative, forward-slash path onto root and refuse anything that would leave root
 * (absolute paths, `..` segments, empty segments, backslashes, NUL).
 */
export function safeJoin(root: string, rel: string): string {
  if (!isSafeRelPath(rel)) throw new UserError(`refusing to write outside the output directory: "${rel}"`);
  const full = path.resolve(root, rel);
  const base = path.resolve(root);
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  if (full !== base && !full.startsWith(prefix)) {
    throw new UserError(`refusing to write outside the output directory: "${rel}"`);
  }
  return full;
}
