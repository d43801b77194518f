/**
 * Text for Markdown: what a CommonMark or GitHub renderer would take for
 * markup shows as written.
 */

/**
 * `s` as literal Markdown inline text, for a table cell or a heading: every
 * ASCII punctuation character a renderer could read as markup (`\` `` ` ``
 * `*` `_` `[` `]` `<` `>` `|` `&` `~` `#`) backslash-escaped — `&amp;` stays
 * those five characters instead of becoming `&`, `*star*` is not italics,
 * `[link](http://x)` not a link, `<codec>` not an HTML tag, `|` not a column
 * — and a line break as a space.
 *
 * @example
 * markdownText('R&amp;D <tag> a|b *x*') // 'R\\&amp;D \\<tag\\> a\\|b \\*x\\*'
 */
export function markdownText(s: string): string {
  return s.replace(/[\\`*_[\]<>|&~#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
