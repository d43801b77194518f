/**
 * HTML text helpers.
 */

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * escapeHtml('Q5/12 <b> & "x"') // 'Q5/12 &lt;b&gt; &amp; &quot;x&quot;'
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
