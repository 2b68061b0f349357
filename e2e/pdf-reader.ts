import { readFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
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
  /** Each page's tags as a reader finds them: roles depth first, 'content' for marked content ('Root Document NonStruct content…'), '' when untagged. */
  structure: string[];
}

interface StructNode {
  role?: string;
  type?: string;
  children?: StructNode[];
}

function rolesOf(node: StructNode | null, depth = 0): string[] {
  if (!node || depth > 64) return [];
  if (node.type === 'content') return ['content'];
  return [...(node.role ? [node.role] : []), ...(node.children ?? []).flatMap((child) => rolesOf(child, depth + 1))];
}

/** Reads a PDF back as a reader would: pages, their text, bookmarks, metadata and link targets. */
export async function readPdf(path: string): Promise<ReadPdf> {
  const data = new Uint8Array(await readFile(path));
  const document = await getDocument({ data, verbosity: 0 }).promise;
  const texts: string[] = [];
  const links: string[] = [];
  const sizes: string[] = [];
  const structure: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' ').trim());
    for (const annotation of await page.getAnnotations()) if (annotation.url) links.push(annotation.url as string);
    const [, , width, height] = page.view;
    sizes.push(`${Math.round(width!)}x${Math.round(height!)}`);
    structure.push(rolesOf((await page.getStructTree()) as StructNode | null).join(' '));
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
    structure,
  };
}

export interface PdfFont {
  /** BaseFont, with the subset tag: 'ABCDEF+Lato-Regular'. */
  name: string;
  /** The font program is in the file (FontFile, FontFile2 or FontFile3), as pdffonts' "emb" column says. */
  embedded: boolean;
}

/** The fonts a PDF's font objects name, as pdffonts lists them. */
export async function readPdfFonts(path: string): Promise<PdfFont[]> {
  const document = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  const context = document.context;
  const lookup = (value: unknown) => (value instanceof PDFRef ? context.lookup(value) : value);
  const fonts: PdfFont[] = [];
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = object.get(PDFName.of('Subtype'));
    if (subtype === PDFName.of('CIDFontType0') || subtype === PDFName.of('CIDFontType2')) continue; // listed through their Type0 parent
    let described = object;
    const descendants = lookup(object.get(PDFName.of('DescendantFonts')));
    if (descendants instanceof PDFArray) described = lookup(descendants.get(0)) as PDFDict;
    const descriptor = lookup(described.get(PDFName.of('FontDescriptor')));
    const embedded = descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.has(PDFName.of(key)));
    const name = object.get(PDFName.of('BaseFont'));
    fonts.push({ name: name instanceof PDFName ? name.decodeText() : '', embedded });
  }
  return fonts;
}
