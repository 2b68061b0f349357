/** reveal.js's pattern for `[offset: 1|2-3]` in a code fence's info string. */
const LINE_STEPS = /\[\s*((\d*):)?\s*([\s\d,|-]*)\]/;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A fenced code block as reveal.js 6's markdown plugin writes it, byte for byte (its attributes, spaces
 * and unescaped class included): the highlight plugin's port then treats it like any raw `<pre><code>`.
 */
export function renderFence(code: string, info: string): string {
  let language = info;
  let lineNumbers = '';
  let startFrom = '';
  const match = LINE_STEPS.exec(language);
  if (match) {
    if (match[2]) startFrom = `data-ln-start-from="${match[2].trim()}"`;
    lineNumbers = `data-line-numbers="${match[3]!.trim()}"`;
    language = language.replace(LINE_STEPS, '').trim();
  }
  const escaped = code.replace(/[&<>'"]/g, (character) => ENTITIES[character]!);
  return `<pre><code ${lineNumbers} ${startFrom} class="${language}">${escaped}</code></pre>`;
}
