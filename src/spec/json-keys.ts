/**
 * Duplicate keys in JSON text. `JSON.parse` keeps the last of two equal keys
 * in an object without a word, so a hand-edited spec with `"tracks"` twice
 * would be planned with whichever came last; YAML refuses them already.
 */
import type { IssuePath, SpecIssue } from './errors.js';

/**
 * An open object or array while scanning. Its path is that of the frames
 * below it on the stack (each frame's current key or index), built only for
 * an issue: a copy per frame would cost the square of the nesting depth
 * (a 200 KB file of nested brackets took 4 GB).
 */
interface Frame {
  readonly object: boolean;
  readonly keys: Set<string>;
  /** Object: the key of the member being read; array: the index of the element being read. */
  key: string;
  index: number;
  expectKey: boolean;
}

/**
 * Every key that appears a second (third, …) time in one object of `text`,
 * which must be valid JSON (parse it first): one issue each, naming the object's
 * path, the key, and its line and column.
 *
 * @example
 * duplicateKeys('{"tracks": 3, "tracks": 4}') // [{ code: 'parse', path: [], message: 'line 1, column 15: duplicate key "tracks" …' }]
 * duplicateKeys('[{"id": "a"}, {"id": "b"}]') // []
 */
export function duplicateKeys(text: string): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const stack: Frame[] = [];
  /** The path of the innermost open frame. */
  const topPath = (): IssuePath => stack.slice(0, -1).map((f) => (f.object ? f.key : f.index));
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"') {
      // a string: find its end (a quote not escaped)
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) {
          const before = text.slice(0, i);
          const line = before.split('\n').length;
          const column = i - before.lastIndexOf('\n');
          issues.push({ code: 'parse', path: topPath(), message: `line ${line}, column ${column}: duplicate key ${JSON.stringify(key)} (JSON keeps only the last): expected each key once in an object` });
        }
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (ch === '{' || ch === '[') {
      stack.push({ object: ch === '{', keys: new Set(), key: '', index: 0, expectKey: ch === '{' });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      else if (top) top.index++;
    }
    i++;
  }
  return issues;
}
