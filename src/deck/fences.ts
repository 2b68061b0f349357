/** A fenced code block as [start, end) character offsets in some text. */
export interface FenceRange {
  start: number;
  end: number;
  /** 0-based line (within the text) where the fence opens. */
  openLine: number;
  closed: boolean;
}

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})/;

/**
 * Finds ``` and ~~~ fenced code blocks, line by line. A fence closes at a line holding only the same
 * character, at least as many times. An unclosed fence is reported with closed=false and runs to the end.
 */
export function findFences(text: string): FenceRange[] {
  const fences: FenceRange[] = [];
  if (!text.includes('```') && !text.includes('~~~')) return fences; // most slides: no line to look at
  let open: { marker: string; start: number; line: number } | null = null;
  let offset = 0;
  let line = 0;
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    const content = text.slice(offset, lineEnd);
    if (open === null) {
      const match = FENCE_OPEN.exec(content);
      // A backtick fence's info string may not contain backticks (CommonMark), so ```x``` is inline code.
      if (match && !(match[1]![0] === '`' && content.slice(match[0].length).includes('`'))) {
        open = { marker: match[1]!, start: offset, line };
      }
    } else if (isClosingFence(content, open.marker)) {
      fences.push({ start: open.start, end: lineEnd, openLine: open.line, closed: true });
      open = null;
    }
    if (newline === -1) break;
    offset = newline + 1;
    line++;
  }
  if (open !== null) fences.push({ start: open.start, end: text.length, openLine: open.line, closed: false });
  return fences;
}

function isClosingFence(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= marker.length && trimmed === marker[0]!.repeat(trimmed.length);
}

/** True when offset lies inside one of the closed fences. */
export function insideFence(fences: readonly FenceRange[], offset: number): boolean {
  for (const fence of fences) {
    if (fence.closed && offset >= fence.start && offset < fence.end) return true;
    if (fence.start > offset) break;
  }
  return false;
}
