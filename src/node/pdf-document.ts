import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFPageLeaf, PDFRef, ParseSpeeds, type PDFObject } from 'pdf-lib';

export interface Bookmark {
  title: string;
  /** 0-based page the bookmark opens. */
  page: number;
}

export interface PdfDetails {
  title: string;
  author: string;
  bookmarks: Bookmark[];
}

// pdf-lib yields to the event loop every 100 objects parsed and 50 written by default: a 2,000-page
// document then spends seconds waiting for timers. The merge blocks the event loop instead, for about a
// second per 2,000 pages.
const LOAD_OPTIONS = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest };

/**
 * One PDF from the parts Chromium printed (in order; large decks are printed in chunks), with what
 * Chromium does not write: title and author metadata and an outline of one entry per slide.
 */
export async function finishPdf(parts: Uint8Array[], details: PdfDetails): Promise<{ bytes: Uint8Array; pages: number }> {
  const document = await PDFDocument.load(parts[0]!, LOAD_OPTIONS);
  const tags = StructureTree.of(document);
  for (const part of parts.slice(1)) appendPart(document, await PDFDocument.load(part, LOAD_OPTIONS), tags);
  tags?.finish();
  document.setTitle(details.title, { showInWindowTitleBar: true });
  if (details.author) document.setAuthor(details.author);
  document.setCreator('Lectern');
  document.setProducer('Lectern with Chromium and pdf-lib');
  const pages = document.getPages();
  const bookmarks = details.bookmarks.filter((bookmark) => bookmark.page < pages.length);
  if (bookmarks.length > 0) {
    const context = document.context;
    const outlines = context.nextRef();
    const refs: PDFRef[] = bookmarks.map(() => context.nextRef());
    bookmarks.forEach((bookmark, index) => {
      const entry = context.obj({
        Title: PDFHexString.fromText(bookmark.title),
        Parent: outlines,
        Dest: [pages[bookmark.page]!.ref, 'XYZ', null, null, null],
        ...(index > 0 ? { Prev: refs[index - 1]! } : {}),
        ...(index < refs.length - 1 ? { Next: refs[index + 1]! } : {}),
      });
      context.assign(refs[index]!, entry);
    });
    context.assign(outlines, context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs[refs.length - 1]!, Count: refs.length }));
    document.catalog.set(PDFName.of('Outlines'), outlines);
    document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
  return { bytes: await document.save({ objectsPerTick: Infinity }), pages: pages.length };
}

/** Appends every page of `part`, and its tags to `tags` (the structure tree of the document it grows). */
function appendPart(document: PDFDocument, part: PDFDocument, tags: StructureTree | null): void {
  // One copier for pages and tags: a tag's /Pg then points at the page copied, not at a second copy.
  const copier = PDFObjectCopier.for(part.context, document.context);
  const partTags = tags ? StructureTree.of(part) : null;
  const offset = tags?.nextKey ?? 0;
  for (const page of part.getPages()) {
    const ref = copier.copy(page.ref) as PDFRef;
    const node = document.context.lookup(ref) as PDFPageLeaf;
    if (tags && partTags) shiftStructParents(document, node, offset);
    document.addPage(PDFPage.of(node, ref, document));
  }
  if (tags && partTags) tags.adopt(partTags, copier, offset);
}

/** A page's (and its annotations') keys into the parent tree, moved past the keys already used. */
function shiftStructParents(document: PDFDocument, page: PDFPageLeaf, offset: number): void {
  const shift = (dict: PDFDict, key: string) => {
    const value = dict.get(PDFName.of(key));
    if (value instanceof PDFNumber) dict.set(PDFName.of(key), PDFNumber.of(value.asNumber() + offset));
  };
  shift(page, 'StructParents');
  const annotations = page.lookupMaybe(PDFName.of('Annots'), PDFArray);
  for (const annotation of annotations?.asArray() ?? []) {
    const dict = document.context.lookupMaybe(annotation, PDFDict);
    if (dict) shift(dict, 'StructParent');
  }
}

/**
 * A tagged PDF's logical structure (PDF 1.7 §14.7): the Document element and the parent tree, which maps
 * each page's (or annotation's) key to its structure elements. Merging parts keeps one Document element
 * with every part's elements under it, and one parent tree with the parts' keys moved past each other's.
 */
class StructureTree {
  private constructor(
    private readonly document: PDFDocument,
    private readonly root: PDFDict,
    private readonly top: { ref: PDFRef; dict: PDFDict; kids: PDFArray } | null,
    private readonly entries: [number, PDFObject][],
    public nextKey: number,
  ) {}

  /** The document's structure tree, or null when it is not tagged. */
  static of(document: PDFDocument): StructureTree | null {
    const root = document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
    if (!root) return null;
    const entries: [number, PDFObject][] = [];
    const tree = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
    if (tree) collectNumberTree(document, tree, entries, 0);
    const next = root.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber();
    const nextKey = next ?? entries.reduce((max, [key]) => Math.max(max, key + 1), 0);
    // Chromium writes one Document element as the root's only kid.
    const kid = root.get(PDFName.of('K'));
    const dict = kid instanceof PDFRef ? document.context.lookupMaybe(kid, PDFDict) : undefined;
    let top = null;
    if (kid instanceof PDFRef && dict) {
      // Its kids as an array of its own, to append to (a single kid may stand alone).
      const kids = dict.get(PDFName.of('K'));
      const listed = kids instanceof PDFRef ? document.context.lookup(kids) : kids;
      const array = listed instanceof PDFArray ? listed : document.context.obj(kids ? [kids] : []);
      dict.set(PDFName.of('K'), array);
      top = { ref: kid, dict, kids: array };
    }
    return new StructureTree(document, root, top, entries, nextKey);
  }

  /** Moves another part's elements (copied with `copier`, keys shifted by `offset`) into this tree. */
  adopt(part: StructureTree, copier: PDFObjectCopier, offset: number): void {
    // Cut the part's elements from their root first: the copier would otherwise copy the root along.
    part.top?.dict.delete(PDFName.of('P'));
    for (const kid of part.top?.kids.asArray() ?? []) {
      const copied = copier.copy(kid);
      const element = copied instanceof PDFRef ? this.document.context.lookupMaybe(copied, PDFDict) : copied instanceof PDFDict ? copied : undefined;
      if (element && this.top) element.set(PDFName.of('P'), this.top.ref);
      this.top?.kids.push(copied);
    }
    for (const [key, value] of part.entries) this.entries.push([key + offset, copier.copy(value)]);
    this.nextKey = offset + part.nextKey;
  }

  /** Writes the merged parent tree (one flat number tree, keys in order). */
  finish(): void {
    const nums = PDFArray.withContext(this.document.context);
    for (const [key, value] of this.entries.sort((a, b) => a[0] - b[0])) {
      nums.push(PDFNumber.of(key));
      nums.push(value);
    }
    const old = this.root.get(PDFName.of('ParentTree'));
    if (old instanceof PDFRef) this.document.context.delete(old);
    this.root.set(PDFName.of('ParentTree'), this.document.context.register(this.document.context.obj({ Nums: nums })));
    this.root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(this.nextKey));
  }
}

/** The entries of a number tree (flat /Nums, or /Kids of such), bounded in depth. */
function collectNumberTree(document: PDFDocument, node: PDFDict, into: [number, PDFObject][], depth: number): void {
  if (depth > 32) return;
  const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
  for (let index = 0; nums && index + 1 < nums.size(); index += 2) {
    const key = nums.get(index);
    if (key instanceof PDFNumber) into.push([key.asNumber(), nums.get(index + 1)]);
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (const kid of kids?.asArray() ?? []) {
    const child = document.context.lookupMaybe(kid, PDFDict);
    if (child) collectNumberTree(document, child, into, depth + 1);
  }
}
