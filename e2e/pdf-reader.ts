import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadPdf {
  pages: number;
  /** Text of each page, runs joined by spaces. */
  texts: string[];
  outline: string[];
  title: string;
  author: string;
  links: string[];
  tagged: boolean;
  /** Page sizes in points, rounded. */
  sizes: string[];
}

/** Reads a PDF back as a reader would: pages, their text, bookmarks, metadata and link targets. */
export async function readPdf(path: string): Promise<ReadPdf> {
  const data = new Uint8Array(await readFile(path));
  const document = await getDocument({ data, verbosity: 0 }).promise;
  const texts: string[] = [];
  const links: string[] = [];
  const sizes: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' ').trim());
    for (const annotation of await page.getAnnotations()) if (annotation.url) links.push(annotation.url as string);
    const [, , width, height] = page.view;
    sizes.push(`${Math.round(width!)}x${Math.round(height!)}`);
  }
  const outline = ((await document.getOutline()) ?? []).map((item) => item.title);
  const info = (await document.getMetadata()).info as unknown as Record<string, unknown>;
  const markInfo = await document.getMarkInfo();
  await document.destroy();
  return {
    pages: document.numPages,
    texts,
    outline,
    title: String(info['Title'] ?? ''),
    author: String(info['Author'] ?? ''),
    links,
    tagged: markInfo?.Marked === true,
    sizes,
  };
}
