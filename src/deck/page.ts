import { escapeHtml } from './escape.ts';

export interface DeckPageInput {
  /** The contents of `.slides`. */
  slides: string;
  title: string;
  /** The module that mounts reveal.js: a URL, or its code inline. */
  entry: { src: string } | { code: string };
  /** Extra tags for `<head>` (stylesheets, Vite's client), as HTML. */
  head?: string[];
  /** Classic scripts from the deck's `scripts` option, as URLs. */
  scripts: string[];
}

/** The HTML page of one deck, slides pre-rendered so nothing is parsed in the browser. */
export function renderDeckPage({ slides, title, entry, head = [], scripts }: DeckPageInput): string {
  // Inline code holds `</script` or `<!--` only inside string literals, where `\u003c` means `<`.
  const module = 'src' in entry
    ? `<script type="module" src="${escapeHtml(entry.src)}"></script>`
    : `<script type="module">\n${entry.code.replace(/<(?=\/script|!--)/gi, '\\u003c')}</script>`;
  const scriptTags = scripts.map((src) => `<script src="${escapeHtml(src)}"></script>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="Lectern">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
${head.join('\n')}
</head>
<body>
<div class="reveal"><div class="slides">
${slides}
</div></div>
${module}
${scriptTags}
</body>
</html>
`;
}

export interface IndexEntry {
  title: string;
  href: string;
  path: string;
  slides: number;
}

const INDEX_PLACEHOLDER = '<!-- lectern:decks -->';

/** The list of decks, placed into a page template at `<!-- lectern:decks -->` (Lectern's index.html, or the project's). */
export function renderIndexPage(entries: IndexEntry[], template: string): string {
  const items = entries
    .map(
      (entry) =>
        `<li><a href="${escapeHtml(entry.href)}">${escapeHtml(entry.title)}</a> <code>${escapeHtml(entry.path)}</code> <span>${entry.slides} slide${entry.slides === 1 ? '' : 's'}</span></li>`,
    )
    .join('\n');
  const list = entries.length ? `<ul class="lectern-decks">\n${items}\n</ul>` : '<p>No decks found.</p>';
  return template.replace(INDEX_PLACEHOLDER, () => list);
}

/** True when a page can serve as the index template. */
export function isIndexTemplate(html: string): boolean {
  return html.includes(INDEX_PLACEHOLDER);
}
