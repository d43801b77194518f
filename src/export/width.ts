/**
 * Display width of text in a terminal: East Asian wide and fullwidth
 * characters take two columns.
 */

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/**
 * Columns the text takes in a terminal.
 *
 * @example
 * displayWidth('上午') // 4
 * displayWidth('Morning') // 7
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) || (ch.codePointAt(0)! >= 0x1f300 && ch.codePointAt(0)! <= 0x1faff) || (ch.codePointAt(0)! >= 0x20000 && ch.codePointAt(0)! <= 0x3fffd) ? 2 : 1;
  return w;
}

/**
 * Pads text with spaces to a display width.
 *
 * @example
 * padDisplay('上午', 6) // '上午  '
 */
export function padDisplay(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}
