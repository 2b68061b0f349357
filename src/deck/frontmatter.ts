/** A deck source cut into its YAML front matter and its Markdown body. */
export interface FrontMatterSplit {
  /** The YAML text between the fences, null when the deck has no front matter. */
  yaml: string | null;
  /** 1-based line of the first YAML line in the file. */
  yamlLine: number;
  /** The Markdown after the closing fence (the rest of the fence line included, as reveal-md does). */
  body: string;
  /** 1-based line of the file on which `body` starts. */
  bodyLine: number;
}

// reveal-md (yaml-front-matter): `---` on the first line, closed by the next line starting with `---`.
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?\n)?---(?=[ \t]*(?:\n|$))/;

/** Expects LF line endings (parseDeck normalises CRLF first). */
export function splitFrontMatter(source: string): FrontMatterSplit {
  const match = FRONT_MATTER.exec(source);
  if (!match) return { yaml: null, yamlLine: 1, body: source, bodyLine: 1 };
  const yaml = match[1] ?? '';
  return {
    yaml,
    yamlLine: 2,
    body: source.slice(match[0].length),
    bodyLine: 2 + countLines(yaml),
  };
}

export function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
