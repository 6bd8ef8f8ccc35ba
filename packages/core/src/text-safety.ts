/**
 * Characters that have no business in a platform description or in a generated file: they can
 * drive a terminal (ESC sequences), overwrite what a reviewer sees (CR, backspace), reorder text
 * in editors, diffs and rendered Markdown (the bidirectional overrides and isolates of "Trojan
 * Source"), or hide in plain sight (zero-width space, a byte-order mark inside the text).
 *
 *   C0 controls except tab and line feed (carriage return included: YAML turns the line breaks of a
 *   CRLF file into LF, so a CR in a value only comes from a `\r` escape), DEL, the C1 controls
 *   U+0080–U+009F, U+061C ARABIC LETTER MARK, U+200B ZERO WIDTH SPACE, U+200E/U+200F (LRM/RLM),
 *   U+2028/U+2029 (line and paragraph separators), U+202A–U+202E (embeddings and overrides),
 *   U+2066–U+2069 (isolates) and U+FEFF (byte-order mark / zero-width no-break space).
 *
 * Input is refused with them (`parseYamlSource`); generated files escape them anyway (`emitYaml`,
 * `emitJson`, the README), so none can reach a file SCCP writes.
 */
export const UNSAFE_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/;
const UNSAFE_GLOBAL = new RegExp(UNSAFE_CHARACTER.source, 'g');

const NAMES: Record<number, string> = {
  0x00: 'null',
  0x07: 'bell',
  0x08: 'backspace',
  0x0b: 'line tabulation',
  0x0c: 'form feed',
  0x0d: 'carriage return',
  0x1b: 'escape',
  0x7f: 'delete',
  0x85: 'next line',
  0x9b: 'control sequence introducer',
  0x061c: 'arabic letter mark',
  0x200b: 'zero width space',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'byte order mark',
};

const hex = (c: string) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/** `U+202E (right-to-left override)`, `U+0001 (control character)`. */
export function describeCharacter(c: string): string {
  const code = c.codePointAt(0)!;
  const name = NAMES[code] ?? (code < 0x20 || (code >= 0x7f && code <= 0x9f) ? 'control character' : 'formatting character');
  return `U+${hex(c)} (${name})`;
}

/** Index and character of every unsafe character in `s`. */
export function unsafeCharacters(s: string): { index: number; char: string }[] {
  return [...s.matchAll(UNSAFE_GLOBAL)].map((m) => ({ index: m.index!, char: m[0] }));
}

/** The unsafe characters of a file's text as written: a CR that ends a line (CRLF) is a line break there, not one of them. */
export function unsafeCharactersInText(text: string): { index: number; char: string }[] {
  return unsafeCharacters(text).filter((r) => !(r.char === '\r' && text[r.index + 1] === '\n'));
}

/** `s` with every unsafe character written as the escape `\uXXXX` (valid in JSON and YAML double-quoted strings; visible in Markdown). */
export function escapeUnsafe(s: string): string {
  return s.replace(UNSAFE_GLOBAL, (c) => `\\u${hex(c)}`);
}
