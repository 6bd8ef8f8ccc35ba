import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type ParsedNode, type Tags } from 'yaml';
import { UserError, type Diagnostic } from '@sccp/core';

/**
 * Reading a generated repository's YAML the way Argo CD and kubectl read it.
 *
 * Both decode manifests with sigs.k8s.io/yaml, which is go-yaml v2: YAML 1.1 scalars (`yes`, `on`,
 * `y` are true; `no`, `off`, `n` false; `0777` is octal) and `<<` merge keys, whatever `%YAML`
 * says. A pull request to the repository must not be able to write a value that `sccp verify`
 * reads one way and the cluster another (`privileged: yes` is a privileged container), so every
 * repository file goes through this reader, with go-yaml v2's rules:
 *
 * - the `yaml` package's YAML 1.1 schema, forced on every document (a `%YAML 1.2` directive cannot
 *   switch it: go-yaml v2 refuses any directive but `%YAML 1.1`, and so does this reader);
 * - timestamps stay strings, as go-yaml v2 decodes them into an untyped value; `!!binary` is the
 *   decoded text; `!!set`, `!!omap` and `!!pairs` are plain collections (go-yaml v2 does not know
 *   them); sexagesimal numbers (`1:20`) stay strings (go-yaml v2 dropped base 60);
 * - merge keys: an explicit key wins over a merged one (the YAML spec, and go-yaml v2 when the key
 *   comes after the `<<`); go-yaml v2 lets a `<<` overwrite keys written before it, so a key set
 *   before a `<<` that sets it too, and two `<<` in one mapping, are refused as ambiguous;
 * - refused like go-yaml v2 refuses them: characters outside YAML's printable set (C0 and C1
 *   controls but tab, LF, CR and NEL; DEL; U+FFFE/U+FFFF), text that is not UTF-8 (go-yaml reads
 *   UTF-16 with a byte-order mark; Argo CD splits documents on bytes, so this reader refuses UTF-16
 *   rather than guess), mapping keys that are collections or null, unknown aliases, an alias inside
 *   the node it names (go-yaml: "anchor contains itself");
 * - refused where go-yaml v2 is lenient and the two could disagree: duplicate keys (kubectl's strict
 *   decoding refuses them, a lenient decoder keeps the last one), a byte-order mark anywhere but at
 *   the start of the file (go-yaml skips one at the start of any line), more than 100 alias
 *   expansions in a document (an alias bomb; go-yaml v2's own limit is looser).
 *
 * Known differences kept: integers beyond 2^53 lose precision (go-yaml keeps them exact); `0o17` is
 * a string here and 15 in go-yaml v2; NaN and infinities are numbers here (go-yaml's JSON conversion
 * refuses them, so Argo CD fails on such a document rather than apply something else).
 *
 * Every problem is a UserError located at file:line:col.
 */

const GO_YAML_V2_LACKS = new Set(['tag:yaml.org,2002:set', 'tag:yaml.org,2002:omap', 'tag:yaml.org,2002:pairs', 'tag:yaml.org,2002:timestamp']);

const binaryAsText = {
  tag: 'tag:yaml.org,2002:binary',
  default: false,
  resolve: (src: string) => Buffer.from(src.replace(/\s+/g, ''), 'base64').toString('utf8'),
};

/** go-yaml v2's float needs a digit: `.` (as in an Application's `path: .`) is a string, not NaN. */
const GO_YAML_V2_FLOAT = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/;
/** The `yaml` package's plain YAML 1.1 float (`1.5`, `.5`, and `.` too): not its NaN/infinity or exponent forms. */
const isPlainFloat = (t: any) => t.tag === 'tag:yaml.org,2002:float' && !t.format && t.test instanceof RegExp && t.test.test('.') && !t.test.test('.inf');

function goYamlV2Tags(tags: Tags): Tags {
  return [
    ...tags
      .filter((t: any) => !GO_YAML_V2_LACKS.has(t.tag) && t.format !== 'TIME' && t.tag !== binaryAsText.tag)
      .map((t: any) => (isPlainFloat(t) ? { ...t, test: GO_YAML_V2_FLOAT } : t)),
    binaryAsText as any,
  ];
}

/** The alias expansions a document may make (the `yaml` package's count: aliases times the size of what they name). */
export const MAX_ALIAS_COUNT = 100;

const PARSE_OPTIONS = {
  version: '1.1' as const,
  schema: 'yaml-1.1',
  merge: true,
  customTags: goYamlV2Tags,
  uniqueKeys: true,
  prettyErrors: false,
  logLevel: 'error' as const,
  keepSourceTokens: false,
};

/** Characters go-yaml's reader refuses ("control characters are not allowed"); CR, tab, LF and NEL are fine. */
const NOT_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;

export interface RepoYamlDoc {
  /** The document as go-yaml v2 would decode it (null for an empty document). */
  value: unknown;
  /** Where the document starts (1-based). */
  line: number;
  col: number;
}

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Decode a repository file's bytes: UTF-8 only (an initial byte-order mark is dropped by the parser). */
export function decodeRepoText(bytes: Buffer, file: string): string {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new UserError([{ file, line: 1, col: 1, message: 'is UTF-16 (byte-order mark); Argo CD and kubectl read UTF-8: save it as UTF-8' }]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const text = bytes.toString('utf8');
    const at = text.indexOf('\uFFFD');
    const before = text.slice(0, Math.max(at, 0)).split('\n');
    throw new UserError([{ file, line: before.length, col: before[before.length - 1].length + 1, message: 'is not valid UTF-8' }]);
  }
}

const keyText = (key: unknown): string | undefined => {
  if (isScalar(key)) return typeof key.value === 'symbol' ? undefined : String(key.value);
  return undefined;
};
const isMergeKey = (key: unknown) => isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';

/** The keys a merge source brings into a mapping (its own keys and the ones it merges in turn). */
function mergedKeys(doc: Document, source: unknown, seen: Set<unknown>): string[] {
  const node = isAlias(source) ? source.resolve(doc) : source;
  if (!node || seen.has(node)) return [];
  seen.add(node);
  if (isSeq(node)) return node.items.flatMap((item) => mergedKeys(doc, item, seen));
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => (isMergeKey(pair.key) ? mergedKeys(doc, pair.value, seen) : [keyText(pair.key) ?? '']));
}

/**
 * Parse every document of a repository file with go-yaml v2's rules (see above). `file` is the
 * name used in errors. Throws a UserError listing every problem, located.
 */
export function readRepoYaml(text: string, file: string): RepoYamlDoc[] {
  const problems: Diagnostic[] = [];
  // lines and columns of the text as the user sees it (a leading byte-order mark takes no column)
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const where = (offset: number) => {
    const before = body.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: before.length, col: before[before.length - 1].length + 1 };
  };
  const bom = body.indexOf('\uFEFF');
  if (bom >= 0) problems.push({ file, ...where(bom), message: 'a byte-order mark (U+FEFF) inside the file: only one at the very start is allowed' });
  const bad = NOT_PRINTABLE.exec(body);
  if (bad) problems.push({ file, ...where(bad.index), message: `control character ${hex(bad[0])} is not allowed in YAML (write it as an escape in a double-quoted string)` });
  if (problems.length) throw new UserError(problems);

  const parsed = parseAllDocuments(body, PARSE_OPTIONS as any);
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed) && (parsed as any).errors?.length) docs.push(parsed as any);
  const out: RepoYamlDoc[] = [];
  for (const doc of docs) {
    const start = where(doc.range?.[0] ?? 0);
    const before = problems.length;
    for (const e of doc.errors) {
      const message = e.code === 'DUPLICATE_KEY' ? 'duplicate key in a mapping (kubectl refuses it: "already set in map"; a lenient reader keeps the last one)' : e.message.replace(/\s+at line \d+, column \d+[\s\S]*$/, '');
      problems.push({ file, ...where(e.pos[0]), message });
    }
    const version = doc.directives?.yaml;
    if (version?.explicit && version.version !== '1.1') {
      const directive = body.lastIndexOf('%YAML', doc.range?.[0] ?? body.length);
      problems.push({ file, ...where(Math.max(directive, 0)), message: `%YAML ${version.version}: Argo CD and kubectl read YAML 1.1 (go-yaml v2 refuses other versions); remove the directive` });
    }
    if (problems.length > before) continue;
    visit(doc, {
      Alias(_, node, ancestors) {
        const target = node.resolve(doc);
        const at = where(node.range?.[0] ?? 0);
        if (!target) problems.push({ file, ...at, message: `unknown alias *${node.source}: no anchor &${node.source} before it` });
        else if (ancestors.includes(target as any)) problems.push({ file, ...at, message: `recursive alias *${node.source}: the anchor &${node.source} contains it` });
      },
      Map(_, map) {
        const explicit = new Set<string>();
        let merges = 0;
        for (const pair of map.items) {
          const at = where((pair.key as ParsedNode | null)?.range?.[0] ?? map.range?.[0] ?? 0);
          const key = pair.key as Node | null;
          if (isMergeKey(key)) {
            if (++merges > 1) {
              problems.push({ file, ...at, message: 'a second << merge key in one mapping: go-yaml v2 (Argo CD, kubectl) and YAML disagree on which wins; merge a list instead (<<: [*a, *b])' });
              continue;
            }
            for (const k of mergedKeys(doc, pair.value, new Set())) {
              if (explicit.has(k)) problems.push({ file, ...at, message: `"${k}" is set before a << merge that sets it too: go-yaml v2 (Argo CD, kubectl) takes the merged value, YAML the explicit one; put the key after the merge` });
            }
            continue;
          }
          const target = isAlias(key) ? key.resolve(doc) : key;
          if (isMap(target) || isSeq(target)) problems.push({ file, ...at, message: 'a mapping key must be a scalar, not a collection' });
          else if (target === null || target === undefined || (isScalar(target) && target.value === null)) problems.push({ file, ...at, message: 'a mapping key must not be null or empty' });
          else {
            const k = keyText(target);
            if (k !== undefined) explicit.add(k);
          }
        }
      },
    });
    if (problems.length > before) continue;
    try {
      out.push({ value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), ...start });
    } catch (e) {
      const message = /excessive alias count/i.test((e as Error).message)
        ? `more than ${MAX_ALIAS_COUNT} alias expansions (a YAML alias bomb?): expand the aliases`
        : (e as Error).message;
      problems.push({ file, ...start, message });
    }
  }
  if (problems.length) throw new UserError(problems);
  return out;
}

/** The one document of a repository file (Chart.yaml, values.yaml): `undefined` when it is empty; more than one is an error. */
export function readRepoYamlDocument(text: string, file: string): unknown {
  const docs = readRepoYaml(text, file);
  if (docs.length > 1) throw new UserError([{ file, line: docs[1].line, col: docs[1].col, message: `expected one YAML document, found ${docs.length}` }]);
  return docs[0]?.value ?? undefined;
}

/**
 * `rel` (forward slashes) inside `repo`, refusing symbolic links on the way: what a repository
 * links to (another file on the CI machine, a secret) is not the repository's to show. Returns the
 * absolute path and the lstat of the last component, or undefined when it does not exist.
 */
export function repoPath(repo: string, rel: string): { abs: string; stat: fs.Stats } | undefined {
  let abs = repo;
  let stat: fs.Stats | undefined;
  const parts = rel.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '..' || parts[i] === '.') throw new UserError([{ file: rel, message: 'a path inside the repository must not contain "." or ".." segments' }]);
    abs = path.join(abs, parts[i]);
    try {
      stat = fs.lstatSync(abs);
    } catch {
      return undefined;
    }
    if (stat.isSymbolicLink()) {
      throw new UserError([{ file: parts.slice(0, i + 1).join('/'), message: 'is a symbolic link: sccp verify reads only files inside the repository (Argo CD refuses links that leave it)' }]);
    }
  }
  return stat ? { abs, stat } : undefined;
}

/** The text of a regular file inside the repository (no symbolic links), or undefined when it does not exist. */
export function readRepoText(repo: string, rel: string): string | undefined {
  const found = repoPath(repo, rel);
  if (!found) return undefined;
  if (!found.stat.isFile()) throw new UserError([{ file: rel, message: 'expected a regular file' }]);
  return decodeRepoText(fs.readFileSync(found.abs), rel);
}

/** Refuse symbolic links anywhere under a folder of the repository (what helm reads, what verify walks). */
export function assertNoLinks(repo: string, rel: string): void {
  const found = repoPath(repo, rel);
  if (!found || !found.stat.isDirectory()) return;
  const walk = (dir: string, relDir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = `${relDir}/${e.name}`;
      if (e.isSymbolicLink()) throw new UserError([{ file: r, message: 'is a symbolic link: sccp verify reads only files inside the repository (Argo CD refuses links that leave it)' }]);
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
    }
  };
  walk(found.abs, rel);
}
