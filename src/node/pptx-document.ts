import PptxGenJS from 'pptxgenjs';

export interface PptxSlide {
  /** The rendered slide, at the deck's aspect ratio. */
  png: Uint8Array;
  /** Speaker notes as plain text ('' for none). */
  notes: string;
  /** The picture's alternative text: the slide's number and heading. */
  altText: string;
}

export interface PptxDetails {
  title: string;
  author: string;
  /** The deck's slide size in pixels: the presentation gets its aspect ratio. */
  width: number;
  height: number;
  slides: PptxSlide[];
}

/** Slides are 10 inches wide (PowerPoint's 16:9 default is 13.33 × 7.5): the height follows the deck. */
const WIDTH_INCHES = 10;

/**
 * A PowerPoint file with one slide per image, each full-bleed, the notes in the notes pane, and the
 * deck's title and author in the document properties. Built with pptxgenjs, uncompressed: the images
 * are PNGs already, and deflating them again only costs time.
 */
export async function buildPptx({ title, author, width, height, slides }: PptxDetails): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  const heightInches = Math.round((WIDTH_INCHES * height * 1000) / width) / 1000;
  pptx.defineLayout({ name: 'LECTERN', width: WIDTH_INCHES, height: heightInches });
  pptx.layout = 'LECTERN';
  pptx.title = title;
  if (author) pptx.author = author;
  pptx.company = '';
  pptx.subject = title;
  for (const { png, notes, altText } of slides) {
    const slide = pptx.addSlide();
    slide.addImage({ data: `image/png;base64,${Buffer.from(png).toString('base64')}`, x: 0, y: 0, w: WIDTH_INCHES, h: heightInches, altText });
    if (notes) slide.addNotes(notes);
  }
  const written = await pptx.write({ outputType: 'uint8array', compression: false });
  return written as Uint8Array;
}
