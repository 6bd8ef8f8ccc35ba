import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { UserError, type Diagnostic } from './errors';

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

/** Parse YAML text into data with positions. Throws UserError with file:line:col on any problem. */
export function parseYamlSource(text: string, file: string): SourceDoc {
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

function yamlMessage(code: string, message: string, key: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return `duplicate key "${key}": a key (and so a feature) may appear only once in a mapping`;
  return `YAML syntax error: ${first}`;
}
