import type { DeckWarning } from '../types.ts';
import { countLines } from './frontmatter.ts';
import { findFences, insideFence, type FenceRange } from './fences.ts';

/** A slide's Markdown before rendering, with where it sits in the file. */
export interface SlideSource {
  /** The text between two separators, as reveal.js cuts it. */
  text: string;
  /** 1-based file line of the first non-blank line (or of the chunk's start when it is blank). */
  line: number;
  /** 1-based file line of the last non-blank line. */
  endLine: number;
}

export interface SplitInput {
  body: string;
  bodyLine: number;
  separator: RegExp;
  verticalSeparator: RegExp | null;
  file: string;
}

/**
 * Cuts a deck body into stacks of slides the way reveal.js's markdown plugin (slidify) does, except
 * that a separator inside fenced code, or covering only part of a line, does not split.
 */
export function splitSlides(input: SplitInput): { stacks: SlideSource[][]; warnings: DeckWarning[] } {
  const { body, bodyLine, file } = input;
  const fences = findFences(body);
  const warnings: DeckWarning[] = fences
    .filter((fence) => !fence.closed)
    .map((fence) => ({
      code: 'unclosed-fence' as const,
      message: 'code fence is never closed; separators after it still split slides',
      file,
      line: bodyLine + fence.openLine,
    }));
  const combined = new RegExp(
    input.separator.source + (input.verticalSeparator ? `|${input.verticalSeparator.source}` : ''),
    'mg',
  );
  const horizontal = new RegExp(input.separator.source);

  const groups: (SlideSource | SlideSource[])[] = [];
  // Lines are counted as the cut moves forward, so a long deck is scanned once, not once per slide.
  let countedTo = 0;
  let lineAtCount = bodyLine;
  const toSource = (start: number, end: number) => {
    lineAtCount += countLines(body.slice(countedTo, start));
    countedTo = start;
    return sourceAt(body.slice(start, end), lineAtCount);
  };
  let previousEnd = 0;
  let wasHorizontal = true;
  for (let match = combined.exec(body); match !== null; match = combined.exec(body)) {
    if (match[0].length === 0) {
      combined.lastIndex++; // an empty match would never advance
      continue;
    }
    if (!coversWholeLines(body, match.index, match[0]) || insideFence(fences, match.index)) continue;
    const isHorizontal = horizontal.test(match[0]);
    const chunk = toSource(previousEnd, match.index);
    // The same bookkeeping as reveal.js: a vertical separator opens a stack, a horizontal one closes it.
    if (!isHorizontal && wasHorizontal) groups.push([]);
    if (isHorizontal && wasHorizontal) groups.push(chunk);
    else (groups[groups.length - 1] as SlideSource[]).push(chunk);
    previousEnd = match.index + match[0].length;
    wasHorizontal = isHorizontal;
  }
  const last = toSource(previousEnd, body.length);
  if (wasHorizontal) groups.push(last);
  else (groups[groups.length - 1] as SlideSource[]).push(last);

  return { stacks: groups.map((group) => (Array.isArray(group) ? group : [group])), warnings };
}

function coversWholeLines(text: string, index: number, matched: string): boolean {
  const startsLine = index === 0 || text[index - 1] === '\n' || /^\r?\n/.test(matched);
  const end = index + matched.length;
  const endsLine = matched.endsWith('\n') || /^[ \t]*(\r?\n|$)/.test(text.slice(end, end + 80));
  return startsLine && endsLine;
}

function sourceAt(text: string, chunkLine: number): SlideSource {
  const firstContent = text.search(/\S/);
  const lastContent = text.trimEnd().length - 1;
  if (firstContent === -1) return { text, line: chunkLine, endLine: chunkLine };
  return {
    text,
    line: chunkLine + countLines(text.slice(0, firstContent)),
    endLine: chunkLine + countLines(text.slice(0, lastContent + 1)),
  };
}

/**
 * reveal.js strips the indentation of the slide's first line from every line. It counts it oddly
 * (blank lines count), and matches mid-line too; we keep the count but only strip at line starts.
 */
export function dedentLikeReveal(text: string): string {
  const tabs = /^\n?(\t*)/.exec(text)![1]!.length;
  if (tabs > 0) return text.replace(new RegExp(`^\\t{${tabs}}`, 'gm'), '');
  const spaces = /^\n?(\s*)/.exec(text)![1]!.length;
  if (spaces > 1) return text.replace(new RegExp(`^ {${spaces}}`, 'gm'), '');
  return text;
}

export interface NotesSplit {
  content: string;
  notes: string | null;
}

/** A slide's text as reveal.js cuts off its notes: indentation stripped first, then the notes split off. */
export function slideNotes(text: string, notesSeparator: RegExp): NotesSplit {
  return splitNotes(dedentLikeReveal(text), notesSeparator);
}

/** Splits off speaker notes at the first notes-separator match that is not inside fenced code. */
export function splitNotes(text: string, notesSeparator: RegExp): NotesSplit {
  const pattern = new RegExp(notesSeparator.source, 'mgi');
  let fences: FenceRange[] | null = null;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    fences ??= findFences(text);
    if (insideFence(fences, match.index)) continue;
    return { content: text.slice(0, match.index), notes: text.slice(match.index + match[0].length).trim() };
  }
  return { content: text, notes: null };
}
