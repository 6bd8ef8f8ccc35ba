import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { UserError, type Diagnostic } from './errors';
import { describeCharacter, unsafeCharacters, unsafeCharactersInText } from './text-safety';

/** Largest input we accept: a platform description is a few KiB; anything near this is a mistake or an attack. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/** A parsed YAML document that still knows where every value came from. */
export interface SourceDoc {
  file: string;
  data: unknown;
  /** Position of the value (or, with `key`, of the key) at a JSON pointer; the nearest existing ancestor otherwise. */
  locate(pointer: string, key?: boolean): { line: number; col: number };
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function toPointer(segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * Parse YAML text into data with positions. Throws UserError with file:line:col on any problem,
 * among them a control, bidirectional or invisible formatting character (text-safety.ts) in any
 * key, value or comment. A UTF-8 byte-order mark at the very start is accepted (editors on Windows
 * write one) and dropped, so positions count from the first real character.
 */
export function parseYamlSource(text: string, file: string): SourceDoc {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_SOURCE_BYTES) {
    throw new UserError([
      { file, message: `file is ${(size / 1024 / 1024).toFixed(1)} MiB; the limit is ${MAX_SOURCE_BYTES / 1024 / 1024} MiB for a platform description` },
    ]);
  }
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number) => lc.linePos(offset);
  const list = Array.isArray(docs) ? docs : [];
  const diags: Diagnostic[] = [];
  for (const d of list) {
    for (const e of d.errors) {
      const pos = at(e.pos[0]);
      const key = e.code === 'DUPLICATE_KEY' ? /^[^:\n]*/.exec(text.slice(e.pos[0]))![0].trim() : '';
      diags.push({ file, line: pos.line, col: pos.col, message: yamlMessage(e.code, e.message, key) });
    }
  }
  if (diags.length) throw new UserError(diags);
  if (list.length > 1) {
    const pos = at(list[1].range[0]);
    throw new UserError([{ file, line: pos.line, col: pos.col, message: 'expected one YAML document, found several (remove the extra `---`)' }]);
  }
  const doc = list[0] as Document.Parsed | undefined;
  if (!doc || doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new UserError([{ file, line: 1, col: 1, message: 'the file is empty: expected a mapping with apiVersion, kind, name and features (run `sccp init` for a starting point)' }]);
  }
  const unsafe = unsafeTextDiagnostics(doc, text, file, at);
  if (unsafe.length) throw new UserError(unsafe);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const msg = (e as Error).message;
    throw new UserError([{ file, message: /alias/i.test(msg) ? `too many YAML alias expansions (${msg.replace(/\.$/, '')}); write the values out or use fewer anchors` : `cannot read YAML: ${msg}` }]);
  }
  const locate = (pointer: string, key = false) => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    for (const seg of parsePointer(pointer)) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value ?? pair.key;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        if (item === undefined) break;
        node = item;
      } else break;
    }
    const target = (key && keyNode) || (node as Node | null);
    const offset = target && (target as Node).range ? (target as Node).range![0] : 0;
    return at(offset);
  };
  return { file, data, locate };
}

const UNSAFE_WHY = 'control, bidirectional and invisible formatting characters can hide or reorder text in terminals, diffs and the generated README; remove it';

/**
 * Every unsafe character in the document: in a key or string value (located where it is written,
 * or at the start of the scalar when it is written as an escape such as `\e` or `\u202E`), and in
 * comments or anywhere else in the text.
 */
function unsafeTextDiagnostics(doc: Document.Parsed, text: string, file: string, at: (offset: number) => { line: number; col: number }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const covered: [number, number][] = [];
  const add = (offset: number, char: string, pointer: string | undefined, what: string) => {
    const id = `${offset}\0${char}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ file, ...at(offset), ...(pointer !== undefined ? { pointer } : {}), message: `${what} contains ${describeCharacter(char)}: ${UNSAFE_WHY}` });
  };
  const scalar = (node: Node, value: string, pointer: string, what: string) => {
    const found = unsafeCharacters(value);
    if (!found.length) return;
    const [start, end] = node.range ?? [0, 0];
    covered.push([start, end]);
    const raw = unsafeCharactersInText(text.slice(start, end));
    for (const r of raw) add(start + r.index, r.char, pointer, what);
    for (const f of found) if (!raw.some((r) => r.char === f.char)) add(start, f.char, pointer, what);
  };
  const walk = (node: unknown, segments: string[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : '';
        if (isScalar(keyNode)) scalar(keyNode, key, toPointer([...segments, key]), 'the key');
        walk(pair.value, [...segments, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...segments, String(i)]));
    } else if (isScalar(node) && typeof node.value === 'string') {
      scalar(node, node.value, toPointer(segments), 'the value');
    }
  };
  walk(doc.contents, []);
  // what no key or value holds: comments, directives, stray bytes
  for (const r of unsafeCharactersInText(text)) {
    if (covered.some(([s, e]) => r.index >= s && r.index < e)) continue;
    add(r.index, r.char, undefined, 'the text outside any key or value (a comment?)');
  }
  return out.sort((a, b) => a.line! - b.line! || a.col! - b.col!);
}

function yamlMessage(code: string, message: string, key: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return `duplicate key "${key}": a key (and so a feature) may appear only once in a mapping`;
  return `YAML syntax error: ${first}`;
}
