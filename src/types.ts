/** Where something is in a source file; lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

export type WarningCode =
  | 'unknown-option'
  | 'invalid-option'
  | 'unclosed-fence'
  | 'element-targets-inline'
  | 'missing-asset'
  | 'invalid-encoding'
  | 'math-error'
  | 'mermaid-error'
  | 'outside-project'
  | 'separator-timeout'
  | 'resource-failed'
  | 'resource-timeout'
  | 'slide-scaled'
  | 'page-count'
  | 'no-browser'
  | LintCheck;

/**
 * The checks of the rendered slides (`lectern check --render`, `lectern dev`): each is also the code of
 * the warnings it gives, and the name that turns it off (`lint:` in front matter, `data-lint-ignore`).
 */
export type LintCheck = 'overflow' | 'missing-glyph' | 'image-alt' | 'link-text' | 'contrast' | 'heading-level';

/** Something the author should fix, that does not stop the deck from rendering: the one problem shape. */
export interface DeckWarning extends SourceLocation {
  code: WarningCode;
  message: string;
}

/** Which of reveal.js's math plugins a deck's revealOptions ask for (all rendered at compile time). */
export type MathEngine = 'KaTeX' | 'MathJax2' | 'MathJax3' | 'MathJax4';

/** Mermaid's configuration (theme, themeVariables, …) as reveal-md passes it to mermaid.initialize; false: fences stay code. */
export type MermaidOptions = Record<string, unknown> | false;

/** The reveal.js configuration object, passed through as the author wrote it. */
export type RevealOptions = Record<string, unknown>;

/** Front-matter options with reveal-md's defaults applied. */
export interface DeckOptions {
  title: string;
  /** Not a reveal-md key: Lectern writes it into exported PDFs and PowerPoint files. */
  author: string;
  /** The page's description (meta description, og:description); default: the first slide's text. */
  description: string;
  theme: string;
  highlightTheme: string;
  css: string[];
  scripts: string[];
  separator: string;
  verticalSeparator: string;
  notesSeparator: string;
  revealOptions: RevealOptions;
  /** reveal-md's `mermaid` option: `{}` draws ```mermaid fences with Mermaid's defaults. */
  mermaid: MermaidOptions;
  /** Not a reveal-md key: render checks turned off (false) or on; a check not named is on. */
  lint: Partial<Record<LintCheck, boolean>>;
}

/** One slide (a `<section>`) as reveal.js will show it. */
export interface Slide {
  /** Stable-by-content identity, used to follow a slide across edits. */
  key: string;
  /** 1-based line of the slide's first line of content in the deck file. */
  line: number;
  /** 1-based line where the slide's source ends (inclusive). */
  endLine: number;
  /** Attributes for the `<section>` (from `<!-- .slide: … -->`). */
  attributes: Record<string, string>;
  /** Rendered HTML of the slide body, without the notes. */
  html: string;
  /** Rendered HTML of the speaker notes, '' when there are none. */
  notesHtml: string;
  /** Plain text of the first heading, '' when there is none (PDF outline, index pages). */
  heading: string;
  /** How many fragment steps the slide has. */
  fragments: number;
  /** Files and URLs the slide loads (images, media, backgrounds), with the line that names them. */
  assets: AssetReference[];
  /**
   * The slide's ```mermaid fences, in order. Each is a placeholder element in `html` until the Node
   * layer draws it (diagrams render in Chromium, asynchronously).
   */
  diagrams: DiagramSource[];
}

export interface DiagramSource {
  /** The diagram's text, as written in the fence. */
  source: string;
  /** 1-based file line of the fence's opening line. */
  line: number;
}

export interface AssetReference {
  url: string;
  line: number;
}

/** A horizontal stack: one slide, or several reached vertically. */
export type Stack = Slide[];

export interface Deck {
  file: string;
  options: DeckOptions;
  stacks: Stack[];
}

export interface ParseResult {
  deck: Deck;
  warnings: DeckWarning[];
}

/** What the browser runtime is given about a deck: the slides themselves arrive as HTML. */
export interface ClientDeck {
  /** The deck's path relative to the served root, to match hot updates to the page. */
  id: string;
  title: string;
  revealOptions: RevealOptions;
  /** The deck's current compile error, shown over the last version that compiled (if any). */
  error: string | null;
  /** False when the deck has never compiled: there are no slides to show, only the error. */
  compiled: boolean;
}

/** What a browser needs to bring a shown deck up to date. */
export type DeckUpdate =
  | {
      kind: 'slides';
      /** The new deck's shape, as slide keys. */
      stacks: string[][];
      /** Slides the browser does not have yet, by key. */
      added: Record<string, Slide>;
      /** Old key → new key for slides edited in place, so the presenter can stay on them. */
      renamed: Record<string, string>;
    }
  | { kind: 'reload'; reason: string };

/**
 * What parseDeck needs that only Node can give it (grammars, KaTeX and MathJax load files): passed in,
 * so the core stays pure.
 */
export interface Renderers {
  /** highlight.js, as reveal.js's highlight plugin uses it. */
  highlight: Highlighter;
  /** KaTeX, with the given contrib extensions loaded. */
  katex: (extensions: string[]) => Katex;
  /** MathJax's TeX input with SVG output, set up with a deck's TeX options. */
  mathjax: (options: MathJaxTexOptions) => TexEngine;
}

/** What MathJax's TeX input and SVG output are created with (from the deck's mathjax2/3/4 or math options). */
export interface MathJaxTexOptions {
  /** TeX packages, by MathJax's names. */
  packages: string[];
  /** The rest of the `tex` block: macros, tags, … (JSON values). */
  tex: Record<string, unknown>;
  /** Output options: scale, displayAlign, … */
  output: Record<string, unknown>;
}

/**
 * A TeX engine used the way a page uses it: formulas rendered in page order, each seeing the macros
 * that formulas before it defined.
 */
export interface TexEngine {
  /**
   * A session that starts where rendering `definitions` (earlier formulas that define macros, in order)
   * leaves the engine, with `equations` numbered equations before it.
   */
  session(definitions: readonly string[], equations: number): TexSession;
}

export interface TexSession {
  /** HTML of one formula, or the engine's message for TeX it cannot render. */
  render(tex: string, display: boolean): { html: string } | { error: string };
  /** Numbered equations so far, this session's included. */
  equations(): number;
}

/** One diagram to draw, with the Mermaid configuration of its deck. */
export interface DiagramRequest {
  source: string;
  config: Record<string, unknown>;
  /** Width in CSS pixels of the box the diagram is laid out for (the slide's). */
  width: number;
}

/** A drawn diagram, or why it could not be drawn (`line`: the diagram's line Mermaid names, 1-based). */
export type DiagramResult = { svg: string } | { error: string; line?: number };

/** Draws Mermaid diagrams (in Chromium, so asynchronously): the Node layer fills slides' placeholders with them. */
export interface DiagramRenderer {
  render(requests: DiagramRequest[]): Promise<DiagramResult[]>;
  close(): Promise<void>;
}

/** What reveal.js's highlight plugin asks of highlight.js (its port in src/deck/highlight-plugin.ts). */
export interface Highlighter {
  /** hljs.getLanguage(name) !== undefined: a language name or alias, any case. */
  hasLanguage(name: string): boolean;
  /** hljs's alias table, looked up as its updateClassName does: exact case, aliases only. */
  aliasOf(name: string): string | undefined;
  highlight(code: string, language: string): HighlightResult;
  /** hljs.highlightAuto over every grammar, in highlight.js's own registration order (it breaks ties). */
  highlightAuto(code: string): HighlightResult;
}

export interface HighlightResult {
  value: string;
  /** undefined when plain text won auto-detection (the class then reads `language-undefined`). */
  language: string | undefined;
}

/** The part of KaTeX's API that Lectern uses. */
export interface Katex {
  renderToString(math: string, options: Record<string, unknown>): string;
  ParseError: new (...args: never[]) => Error;
}

/** A render-check problem as the preview page lists it. */
export interface LintProblem {
  /** The slide's key, to go to it. */
  key: string;
  code: LintCheck | 'resource-failed' | 'resource-timeout';
  line: number;
  message: string;
}

/** Custom events from the dev server to the browser. */
export interface HotEvents {
  'lectern:update': { id: string; update: DeckUpdate };
  'lectern:error': { id: string; message: string };
  /** From the browser: an image, video or font of the deck failed to load (`key`: its slide, if known). */
  'lectern:resource-failed': { id: string; kind: 'image' | 'font'; url: string; key: string | null };
  /** The deck's render-check problems now (an empty list: none). */
  'lectern:lint': { id: string; problems: LintProblem[] };
}

/** Custom events from the browser to the dev server. */
export interface HotRequests {
  /** A preview page is showing the deck: send it the render-check problems (checking it if not done yet). */
  'lectern:lint-request': { id: string };
}

/**
 * What the browser saw of one rendered slide (src/node/slide-inspection.ts gathers it, in print view
 * with every fragment shown); src/deck/lint.ts decides what is a problem and words it.
 */
export interface SlideInspection {
  /** The slide's data-lectern-key. */
  key: string;
  /** The slide's size in reveal.js pixels, and the size its content takes. */
  slide: { width: number; height: number };
  content: { width: number; height: number };
  /** Elements inside the slide that cut their content (scrolling code blocks, tables…). */
  clipped: ClippedElement[];
  /** Characters that no available font draws, in order of appearance, each once. */
  missingGlyphs: string[];
  images: { src: string; alt: string | null; decorative: boolean }[];
  links: { href: string; text: string }[];
  /** Text below WCAG AA, worst first (at most a few), and how many runs of text are below in all. */
  lowContrast: { runs: LowContrastText[]; count: number };
  headings: { level: number; text: string }[];
}

export interface ClippedElement {
  /** What it is, as an author would name it: "code block", "table", "<div>". */
  element: string;
  /** The start of its text, to find it. */
  text: string;
  /** Pixels of content cut off on each axis, and the element's visible size. */
  hiddenWidth: number;
  hiddenHeight: number;
  width: number;
  height: number;
}

export interface LowContrastText {
  text: string;
  /** Text and background colors as drawn (#rrggbb), and their contrast ratio. */
  color: string;
  background: string;
  ratio: number;
  /** 4.5 for normal text, 3 for large text (24 px, or 18.66 px bold). */
  required: number;
}
