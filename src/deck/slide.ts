import type { Marked } from 'marked';
import type { AssetReference, DeckWarning, Slide } from '../types.ts';
import { applyAttributeComments, type AttributeTarget } from './attributes.ts';
import { renderMarkdown } from './markdown.ts';
import { dedentLikeReveal, splitNotes, type SlideSource } from './split.ts';

/** What a slide needs from its deck to render. */
export interface SlideContext {
  file: string;
  marked: Marked;
  notesSeparator: RegExp;
  /** A scratch document to build slides in (linkedom in Node, the page in a browser). */
  document: Document;
}

const INLINE_TAGS = new Set(['STRONG', 'EM', 'B', 'I', 'CODE', 'A', 'SPAN', 'DEL', 'S', 'MARK', 'SUB', 'SUP', 'U']);
const ASSET_SELECTORS: [selector: string, attribute: string][] = [
  ['img[src]', 'src'],
  ['img[data-src]', 'data-src'],
  ['video[src]', 'src'],
  ['video[poster]', 'poster'],
  ['audio[src]', 'src'],
  ['source[src]', 'src'],
  ['source[data-src]', 'data-src'],
  ['[data-background-image]', 'data-background-image'],
  ['[data-background-video]', 'data-background-video'],
];

/** Renders one slide's Markdown into what reveal.js would hold in its `<section>`. */
export function renderSlide(source: SlideSource, context: SlideContext): { slide: Omit<Slide, 'key'>; warnings: DeckWarning[] } {
  const warnings: DeckWarning[] = [];
  const text = dedentLikeReveal(source.text);
  const { content, notes } = splitNotes(text, context.notesSeparator);
  const section = context.document.createElement('section');
  section.innerHTML = renderMarkdown(context.marked, content);

  const elementComments = commentLines(source, '.element');
  let commentIndex = 0;
  applyAttributeComments(section as never, (target: AttributeTarget) => {
    const line = elementComments[commentIndex++] ?? source.line;
    if (targetsInlineByAccident(target)) {
      warnings.push({
        code: 'element-targets-inline',
        message: `.element attributes land on the <${target.element.tagName!.toLowerCase()}> before the comment, not on its block (as in reveal.js); put the comment on a line of its own or wrap the text to target the block`,
        location: { file: context.file, line },
      });
    }
  });

  let notesHtml = notes ? renderMarkdown(context.marked, notes) : '';
  for (const aside of Array.from(section.querySelectorAll('aside.notes'))) {
    notesHtml += aside.innerHTML;
    aside.remove();
  }
  const attributes: Record<string, string> = {};
  for (const attribute of Array.from(section.attributes)) attributes[attribute.name] = attribute.value;

  return {
    slide: {
      line: source.line,
      endLine: source.endLine,
      attributes,
      html: section.innerHTML,
      notesHtml,
      heading: section.querySelector('h1, h2, h3, h4, h5, h6')?.textContent?.trim() ?? '',
      fragments: countFragmentSteps(section),
      assets: findAssets(section, source),
    },
    warnings,
  };
}

/**
 * `- **bold** text <!-- .element -->` targets the <strong>, so only "bold" fades in: almost never what
 * the author meant. Flag inline targets that share their block with other text.
 */
function targetsInlineByAccident({ element }: AttributeTarget): boolean {
  if (!INLINE_TAGS.has(element.tagName ?? '')) return false;
  const target = element as unknown as Element;
  const blockText = target.parentElement?.textContent ?? '';
  return blockText.replace(target.textContent ?? '', '').trim() !== '';
}

function countFragmentSteps(section: Element): number {
  const indices = new Set<string>();
  let unindexed = 0;
  for (const fragment of Array.from(section.querySelectorAll('.fragment'))) {
    const index = fragment.getAttribute('data-fragment-index');
    if (index === null) unindexed++;
    else indices.add(index);
  }
  return unindexed + indices.size;
}

function findAssets(section: Element, source: SlideSource): AssetReference[] {
  const urls = new Set<string>();
  for (const value of Object.values(sectionAttributes(section, 'data-background-image', 'data-background-video'))) urls.add(value);
  for (const [selector, attribute] of ASSET_SELECTORS) {
    for (const element of Array.from(section.querySelectorAll(selector))) urls.add(element.getAttribute(attribute) ?? '');
  }
  for (const element of Array.from(section.querySelectorAll('img[srcset], source[srcset]'))) {
    for (const candidate of (element.getAttribute('srcset') ?? '').split(',')) urls.add(candidate.trim().split(/\s+/)[0] ?? '');
  }
  for (const element of Array.from(section.querySelectorAll('[style*="url("]'))) {
    for (const match of (element.getAttribute('style') ?? '').matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) urls.add(match[1]!);
  }
  urls.delete('');
  return Array.from(urls, (url) => ({ url, line: lineOf(source, url) }));
}

function sectionAttributes(section: Element, ...names: string[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of names) {
    const value = section.getAttribute(name);
    if (value) found[name] = value;
  }
  return found;
}

/** The file line where `needle` first appears in the slide's source, else the slide's line. */
function lineOf(source: SlideSource, needle: string): number {
  const at = source.text.indexOf(needle);
  if (at === -1) return source.line;
  return source.line + countNewlines(source.text, source.text.search(/\S/), at);
}

function commentLines(source: SlideSource, marker: string): number[] {
  const lines: number[] = [];
  const first = source.text.search(/\S/);
  for (let at = source.text.indexOf(marker); at !== -1; at = source.text.indexOf(marker, at + 1)) {
    lines.push(source.line + countNewlines(source.text, first, at));
  }
  return lines;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = Math.max(0, from); i < to; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}
