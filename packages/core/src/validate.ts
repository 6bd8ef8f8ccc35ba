import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addAjvFormats from 'ajv-formats';
import type { Diagnostic } from './errors';
import { FORMATS, addFormats } from './formats';
import type { JsonSchema } from './schema';
import { parsePointer, toPointer, type SourceDoc } from './source';
import { closest } from './suggest';

export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  addAjvFormats(ajv);
  addFormats(ajv);
  return ajv;
}

export type Validator = (data: unknown, src?: SourceDoc) => Diagnostic[];

/** Compile a self-contained schema into a validator that reports located, human diagnostics. */
export function compileValidator(schema: JsonSchema): Validator {
  const validate = createAjv().compile(schema);
  return (data, src) => (validate(data) ? [] : toDiagnostics(validate, data, src));
}

function valueAt(data: unknown, pointer: string): unknown {
  let v: any = data;
  for (const seg of parsePointer(pointer)) v = v == null ? undefined : v[seg];
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const s = JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

const article = (t: string) => (t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : t === 'integer' ? 'an integer' : `a ${t}`);

function describe(e: ErrorObject, data: unknown): { pointer: string; key: boolean; message: string; hint?: string } {
  if (e.propertyName !== undefined) {
    // a key refused by propertyNames: locate the key, name the key
    const inner = describe({ ...e, propertyName: undefined, instancePath: '' }, e.propertyName);
    return { ...inner, pointer: e.instancePath + toPointer([e.propertyName]), key: true, message: `key ${JSON.stringify(e.propertyName)}: ${inner.message}` };
  }
  const ptr = e.instancePath;
  const actual = valueAt(data, ptr);
  const p = e.params as any;
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as any)?.properties ?? {});
      const near = closest(p.additionalProperty, known);
      return {
        pointer: ptr + toPointer([p.additionalProperty]),
        key: true,
        message: `unknown key "${p.additionalProperty}"${known.length ? `; expected one of: ${known.join(', ')}` : ''}`,
        hint: near ? `did you mean "${near}"?` : undefined,
      };
    }
    case 'required':
      return { pointer: ptr, key: false, message: `missing required key "${p.missingProperty}"` };
    case 'type': {
      const want = String(p.type).split(',').map(article).join(' or ');
      return { pointer: ptr, key: false, message: `expected ${want}, got ${show(actual)}` };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      const near = typeof actual === 'string' ? closest(actual, (p.allowedValues as unknown[]).map(String)) : undefined;
      return { pointer: ptr, key: false, message: `expected one of ${allowed.join(', ')}, got ${show(actual)}`, hint: near ? `did you mean "${near}"?` : undefined };
    }
    case 'const':
      return { pointer: ptr, key: false, message: `expected ${JSON.stringify(p.allowedValue)}, got ${show(actual)}` };
    case 'format': {
      const f = FORMATS[p.format];
      return { pointer: ptr, key: false, message: `expected ${f ? f.expected : `a ${p.format}`}, got ${show(actual)}` };
    }
    case 'pattern':
      return { pointer: ptr, key: false, message: `expected a string matching ${p.pattern}, got ${show(actual)}` };
    default:
      return { pointer: ptr, key: false, message: `${e.message ?? 'is invalid'}${actual !== undefined && typeof actual !== 'object' ? `, got ${show(actual)}` : ''}` };
  }
}

function toDiagnostics(validate: ValidateFunction, data: unknown, src?: SourceDoc): Diagnostic[] {
  const errors = (validate.errors ?? []).filter((e) => !['if', 'anyOf', 'oneOf', 'not', 'then', 'else', 'propertyNames'].includes(e.keyword));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errors) {
    const d = describe(e, data);
    const id = `${d.pointer}\0${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const pos = src?.locate(d.pointer, d.key);
    out.push({ file: src?.file, line: pos?.line, col: pos?.col, pointer: d.pointer, message: d.message, hint: d.hint });
  }
  return sortDiagnostics(out);
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0) || (a.pointer ?? '').localeCompare(b.pointer ?? ''));
}
