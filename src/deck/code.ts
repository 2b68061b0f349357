import { escapeHtml } from './escape.ts';
import type { Renderers } from '../types.ts';

/** reveal.js's pattern for `[offset: 1|2-3]` in a code fence's info string. */
const LINE_STEPS = /\[\s*((\d*):)?\s*([\s\d,|-]*)\]/;

export interface CodeInfo {
  language: string;
  /** The raw `1|2-3` text, null when the info string has no brackets. */
  lineNumbers: string | null;
  startFrom: string | null;
}

export function parseInfoString(info: string): CodeInfo {
  const match = LINE_STEPS.exec(info);
  if (!match) return { language: info.trim(), lineNumbers: null, startFrom: null };
  const offset = match[2]?.trim();
  return {
    language: info.replace(LINE_STEPS, '').trim(),
    lineNumbers: match[3]!.trim(),
    startFrom: offset ? offset : null,
  };
}

interface LineRange {
  start?: number;
  end?: number;
}

/** reveal.js's deserializeHighlightSteps: "1,3|4-5" → [[{1},{3}],[{4,5}]]. */
export function parseSteps(lineNumbers: string): LineRange[][] {
  return lineNumbers
    .replace(/\s/g, '')
    .split('|')
    .map((step) =>
      step.split(',').map((part): LineRange => {
        if (!/^[\d-]+$/.test(part)) return {};
        const [start, end] = part.split('-').map((n) => parseInt(n, 10));
        return Number.isNaN(end) || end === undefined ? { start: start! } : { start: start!, end };
      }),
    );
}

function serializeStep(step: LineRange[]): string {
  return step
    .map((range) => (range.end !== undefined ? `${range.start}-${range.end}` : range.start !== undefined ? `${range.start}` : ''))
    .join(',');
}


/**
 * Splits highlighted HTML into lines, closing the spans still open at each line end and reopening
 * them on the next line, so every line is valid HTML on its own.
 */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  const tags = /<span[^>]*>|<\/span>|\n/g;
  let last = 0;
  for (let match = tags.exec(html); match !== null; match = tags.exec(html)) {
    current += html.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === '\n') {
      lines.push(current + '</span>'.repeat(open.length));
      current = open.join('');
    } else if (match[0] === '</span>') {
      open.pop();
      current += match[0];
    } else {
      open.push(match[0]);
      current += match[0];
    }
  }
  lines.push(current + html.slice(last));
  return lines;
}

/** The table reveal.js's highlight plugin (hljs-line-numbers) builds, with step highlights applied. */
function lineTable(lines: string[], startFrom: number, step: LineRange[] | undefined): { html: string; highlighted: boolean } {
  const marked = new Set<number>();
  for (const range of step ?? []) {
    if (range.start === undefined) continue;
    const end = range.end ?? range.start;
    for (let row = range.start; row <= Math.min(end, lines.length); row++) marked.add(row);
  }
  const rows = lines.map((line, index) => {
    const n = index + startFrom;
    const rowClass = marked.has(index + 1) ? ' class="highlight-line"' : '';
    return `<tr${rowClass}><td class="hljs-ln-line hljs-ln-numbers" data-line-number="${n}"><div class="hljs-ln-n" data-line-number="${n}"></div></td><td class="hljs-ln-line hljs-ln-code" data-line-number="${n}">${line.length > 0 ? line : ' '}</td></tr>`;
  });
  return { html: `<table class="hljs-ln">${rows.join('')}</table>`, highlighted: marked.size > 0 };
}

/**
 * Renders a fenced code block as reveal.js shows it once its highlight plugin has run: highlighted,
 * with line-number tables and one fragment per extra step, so the browser has nothing left to do.
 */
export function renderCode(code: string, info: string, highlight: Renderers['highlight']): string {
  const { language, lineNumbers, startFrom } = parseInfoString(info);
  const { html, language: detected } = highlight(code, language);
  const classes = [language, 'hljs', detected ? `language-${detected}` : ''].filter(Boolean).join(' ');
  if (lineNumbers === null) {
    return `<pre class="code-wrapper"><code class="${escapeHtml(classes)}" data-highlighted="yes">${html}</code></pre>`;
  }
  const lines = splitHighlightedLines(html);
  if (lines.length > 1 && lines[lines.length - 1]!.replace(/<[^>]+>/g, '').trim() === '') lines.pop();
  const start = startFrom !== null && Number.isFinite(Number(startFrom)) ? Number(startFrom) : 1;
  const steps = parseSteps(lineNumbers);
  const startAttribute = startFrom !== null ? ` data-ln-start-from="${escapeHtml(startFrom)}"` : '';
  const blocks = steps.map((step, index) => {
    const table = lineTable(lines, start, step);
    const fragment = index > 0 ? ' fragment' : '';
    const highlights = table.highlighted ? ' has-highlights' : '';
    const numbers = steps.length > 1 ? serializeStep(step) : lineNumbers;
    return `<code class="${escapeHtml(classes)}${fragment}${highlights}" data-highlighted="yes" data-line-numbers="${escapeHtml(numbers)}"${startAttribute}>${table.html}</code>`;
  });
  return `<pre class="code-wrapper">${blocks.join('')}</pre>`;
}
