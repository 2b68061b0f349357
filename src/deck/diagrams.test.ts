import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../node/renderers.ts';
import type { Deck } from '../types.ts';
import { diagramFenceLines, diagramRequests, fillDiagrams, mermaidConfigOf } from './diagrams.ts';
import { resolveOptions } from './options.ts';

const FLOW = 'graph TD\n  A[Start] --> B{Ok?}';

function deckOf(body: string, frontMatter = ''): Deck {
  return parseSource(`---\ntitle: D\n${frontMatter}---\n${body}`, '/talks/d.md').deck;
}

function dom(html: string) {
  return parseHTML(`<!doctype html><html><body><div>${html}</div></body></html>`).document;
}

describe('```mermaid fences', () => {
  it('become a placeholder for the diagram, with its source and the line of its fence', () => {
    const deck = deckOf(`# One\n\n\`\`\`mermaid\n${FLOW}\n\`\`\`\n\n---\n\n## Two\n\ntext\n\n~~~mermaid\nsequenceDiagram\n  A->>B: hi\n~~~\n`);
    const [one, two] = deck.stacks.flat();
    expect(one!.diagrams).toEqual([{ source: FLOW, line: 6 }]);
    expect(two!.diagrams).toEqual([{ source: 'sequenceDiagram\n  A->>B: hi', line: 17 }]);
    const placeholder = dom(one!.html).querySelector('[data-lectern-diagram]')!;
    expect(placeholder.getAttribute('data-lectern-diagram')).toBe('0');
    // The source leaves the HTML: nothing of it shows before the diagram is drawn.
    expect(placeholder.textContent).toBe('');
    expect(one!.html).not.toContain('Start');
  });

  it('take .element annotations after them, as an image would, fragments included', () => {
    const deck = deckOf(`# F\n\n\`\`\`mermaid\n${FLOW}\n\`\`\`\n<!-- .element: class="fragment" data-fragment-index="2" -->\n`);
    const slide = deck.stacks[0]![0]!;
    const diagram = dom(slide.html).querySelector('[data-lectern-diagram]')!;
    expect(diagram.getAttribute('class')).toBe('fragment');
    expect(diagram.getAttribute('data-fragment-index')).toBe('2');
    expect(slide.fragments).toBe(1);
  });

  it('stay code with `mermaid: false`, as in reveal-md', () => {
    const slide = deckOf(`# F\n\n\`\`\`mermaid\n${FLOW}\n\`\`\`\n`, 'mermaid: false\n').stacks[0]![0]!;
    expect(slide.diagrams).toEqual([]);
    expect(slide.html).toContain('<pre class="code-wrapper"><code class="mermaid');
    expect(slide.html).toContain('Start');
  });

  it('in speaker notes show as code', () => {
    const slide = deckOf(`# F\n\nNote: see\n\n\`\`\`mermaid\n${FLOW}\n\`\`\`\n`).stacks[0]![0]!;
    expect(slide.diagrams).toEqual([]);
    // Then highlighted as reveal.js's highlight plugin treats a `mermaid` class it has no grammar for.
    expect(slide.notesHtml).toMatch(/^<p>see<\/p>\s*<pre class="code-wrapper"><code class="mermaid[^"]*"[^>]*>graph /);
    expect(dom(slide.notesHtml).querySelector('code')!.textContent).toBe('graph TD\n  A[Start] --> B{Ok?}');
  });

  it('are found at their lines past other fences, indented or longer', () => {
    const text = 'intro\n\n````md\n```mermaid\nnot a diagram\n```\n````\n\n  ```mermaid [x]\ngraph LR\n  ```\n';
    expect(diagramFenceLines(text, 10)).toEqual([18]);
  });
});

describe('Mermaid configuration', () => {
  const options = (yaml: string) => resolveOptions(yaml, 'd.md', 2).options;

  it('passes the front matter as reveal-md does, with a dark theme on dark reveal.js themes', () => {
    expect(mermaidConfigOf(options('theme: white'))).toEqual({});
    expect(mermaidConfigOf(options('theme: black'))).toEqual({ theme: 'dark' });
    expect(mermaidConfigOf(options('theme: black\nmermaid:\n  theme: forest\n  themeVariables:\n    lineColor: "#fff"'))).toEqual({ theme: 'forest', themeVariables: { lineColor: '#fff' } });
    expect(mermaidConfigOf(options('mermaid: false'))).toBeNull();
    expect(mermaidConfigOf(options('mermaid: true'))).toEqual({ theme: 'dark' });
  });

  it('warns about a mermaid option that is neither false nor a mapping', () => {
    const { warnings } = resolveOptions('mermaid: dark', 'd.md', 2);
    expect(warnings).toMatchObject([{ code: 'invalid-option', line: 2 }]);
  });

  it('asks for each diagram with the deck configuration and slide width', () => {
    const deck = deckOf(`# F\n\n\`\`\`mermaid\n${FLOW}\n\`\`\`\n`, 'theme: white\nmermaid:\n  theme: base\nrevealOptions:\n  width: 1280\n');
    expect(diagramRequests(deck)).toEqual([{ source: FLOW, config: { theme: 'base' }, width: 1280 }]);
  });
});

describe('fillDiagrams', () => {
  const svg = (id: string) => `<svg id="${id}" viewBox="0 0 10 10"><style>#${id} .node{fill:red}</style><marker id="${id}_arrow"></marker><path marker-end="url(#${id}_arrow)"></path></svg>`;

  it('puts each drawn diagram into its placeholder, keeping the attributes an annotation gave it', () => {
    const deck = deckOf(`# F\n\n\`\`\`mermaid\n${FLOW}\n\`\`\`\n<!-- .element: class="fragment" title="a > b" -->\n\n\`\`\`mermaid\n${FLOW}\n\`\`\`\n`);
    const { deck: filled, warnings } = fillDiagrams(deck, [{ svg: svg('m-1') }, { svg: svg('m-2') }]);
    expect(warnings).toEqual([]);
    const page = dom(filled.stacks[0]![0]!.html);
    const diagrams = Array.from(page.querySelectorAll('[data-lectern-diagram]'));
    expect(diagrams.map((element) => element.querySelector('svg')?.id)).toEqual(['m-1', 'm-2']);
    expect(diagrams[0]!.getAttribute('title')).toBe('a > b');
  });

  it('gives a diagram drawn twice its own ids the second time', () => {
    const deck = deckOf(`# F\n\n\`\`\`mermaid\n${FLOW}\n\`\`\`\n\n---\n\n# G\n\n\`\`\`mermaid\n${FLOW}\n\`\`\`\n`);
    const { deck: filled } = fillDiagrams(deck, [{ svg: svg('m-1') }, { svg: svg('m-1') }]);
    const [first, second] = filled.stacks.flat().map((slide) => slide.html);
    expect(first).toContain('<svg id="m-1"');
    expect(second).toContain('<svg id="m-1-1"');
    expect(second).toContain('url(#m-1-1_arrow)');
    expect(second).toContain('#m-1-1 .node');
    expect(second).not.toMatch(/"m-1"|#m-1[ _]/);
  });

  it('shows a box where a diagram could not be drawn, and warns at the line Mermaid names', () => {
    const deck = deckOf(`# F\n\n\`\`\`mermaid\ngraph TD\n  A --> B\n  B -- C ->\n\`\`\`\n\ntext after\n`);
    const { deck: filled, warnings } = fillDiagrams(deck, [{ error: "Parse error on line 3: expecting 'LINK', got '1'", line: 3 }]);
    expect(warnings).toEqual([{ code: 'mermaid-error', file: '/talks/d.md', line: 9, message: "diagram not drawn: Parse error on line 3: expecting 'LINK', got '1'" }]);
    const html = filled.stacks[0]![0]!.html;
    expect(dom(html).querySelector('[data-lectern-diagram] .lectern-diagram-error')!.textContent).toContain("expecting 'LINK'");
    expect(html).toContain('text after');
    // Mermaid counts the end of the text as one more line: the warning stays inside the fence.
    expect(fillDiagrams(deck, [{ error: 'x', line: 7 }]).warnings[0]!.line).toBe(9);
    expect(fillDiagrams(deck, [{ error: 'x' }]).warnings[0]!.line).toBe(6);
  });
});
