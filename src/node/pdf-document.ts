import { PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';

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

/** Adds what Chromium does not write: title and author metadata and an outline of one entry per slide. */
export async function finishPdf(bytes: Uint8Array, details: PdfDetails): Promise<{ bytes: Uint8Array; pages: number }> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
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
  return { bytes: await document.save(), pages: pages.length };
}
