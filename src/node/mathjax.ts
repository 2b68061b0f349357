import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { definesMacros } from '../deck/math.ts';
import type { MathJaxTexOptions, Renderers, TexEngine, TexSession } from '../types.ts';

/**
 * MathJax 4 (@mathjax/src) in Node: TeX in, SVG out, at compile time, so MathJax decks need no CDN and
 * look the same in dev, built sites and PDFs. Loaded on first use; fonts load synchronously on demand.
 */

const load = createRequire(import.meta.url);

/* The parts of MathJax's API used here (it ships CommonJS with its own types, loaded by path). */
interface MathItemNode {
  readonly __node: unique symbol;
}
interface MathDocument {
  convert(math: string, options: { display: boolean }): MathItemNode;
}
interface TexInput {
  reset(equations: number): void;
  parseOptions: { tags: { counter: number } };
}

/** One TeX input and document, with the macros that the definitions in `state` left in it. */
interface Instance {
  document: MathDocument;
  tex: TexInput;
  html(node: MathItemNode): string;
  /** The definitions rendered since the last sandbox, joined: the macros the instance holds. */
  state: string;
}

/**
 * MathJax keeps the maps of user macros in a registry of its modules, by name, shared by all its TeX
 * inputs: two decks' definitions would meet (and can loop). So each set of options gets a copy of
 * MathJax's modules of its own, and its later loads (font data) are made with its own modules in place.
 */
const MATHJAX_MODULE = /[\\/]@mathjax[\\/]/;
type ModuleCache = Map<string, NodeJS.Module>;

function takeModules(): ModuleCache {
  const taken: ModuleCache = new Map();
  for (const [key, module] of Object.entries(load.cache)) {
    if (module === undefined || !MATHJAX_MODULE.test(key)) continue;
    taken.set(key, module);
    delete load.cache[key];
  }
  return taken;
}

/** Runs `run` with `own` as MathJax's modules in Node's module cache; modules it loads join `own`. */
function within<T>(own: ModuleCache, run: () => T): T {
  const others = takeModules();
  for (const [key, module] of own) load.cache[key] = module;
  try {
    return run();
  } finally {
    for (const [key, module] of takeModules()) own.set(key, module);
    for (const [key, module] of others) load.cache[key] = module;
  }
}

/** A TeX input with SVG output for one set of options, in a copy of MathJax of its own. */
function createInstance(options: MathJaxTexOptions): Instance {
  const own: ModuleCache = new Map();
  return within(own, () => {
    const { mathjax } = load('@mathjax/src/js/mathjax.js');
    // Font data beyond the basic ranges loads with require(), synchronously, when a formula needs it,
    // from this copy's modules.
    load('@mathjax/src/js/util/asyncLoad/node.js');
    const loadFile = mathjax.asyncLoad as (name: string) => unknown;
    mathjax.asyncLoad = (name: string) => within(own, () => loadFile(name));
    const { TeX } = load('@mathjax/src/js/input/tex.js');
    const { SVG } = load('@mathjax/src/js/output/svg.js');
    const { liteAdaptor } = load('@mathjax/src/js/adaptors/liteAdaptor.js');
    const { RegisterHTMLHandler } = load('@mathjax/src/js/handlers/html.js');
    // MathML beside each formula, hidden: screen readers get the math, not just its glyphs.
    const { AssistiveMmlHandler } = load('@mathjax/src/js/a11y/assistive-mml.js');
    const adaptor = liteAdaptor();
    AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
    const packagesFolder = join(dirname(load.resolve('@mathjax/src/js/input/tex.js')), 'tex');
    for (const name of options.packages) {
      const folder = join(packagesFolder, name);
      const file = readdirSync(folder).find((entry) => entry.endsWith('Configuration.js'));
      if (file === undefined) throw new Error(`MathJax has no TeX package '${name}'`);
      load(join(folder, file));
    }
    const tex = new TeX({
      ...options.tex,
      packages: options.packages,
      // Thrown, so the formula can stay as written with a warning (MathJax would show a red message).
      formatError: (_jax: unknown, error: Error) => {
        throw error;
      },
    }) as TexInput;
    const svg = new SVG({ ...options.output, fontCache: 'none' });
    const document = mathjax.document('', { InputJax: tex, OutputJax: svg }) as MathDocument;
    const instance: Instance = { document, tex, html: (node) => adaptor.outerHTML(node) as string, state: '' };
    // Definitions made before a first sandbox would outlive every later one: start in one.
    convert(instance, SANDBOX, false);
    return instance;
  });
}

/** begingroup's reset: drops every definition made since the previous one (Lectern always loads begingroup). */
const SANDBOX = '\\begingroupSandbox';
const ENGINES = 4;

/** MathJax engines by options (each with a copy of MathJax of its own), reused from slide to slide. */
export function createMathJax(): Renderers['mathjax'] {
  const engines = new Map<string, TexEngine>();
  return (options) => {
    const key = JSON.stringify(options);
    let engine = engines.get(key);
    if (!engine) {
      engine = mathJaxEngine(options);
      engines.set(key, engine);
      if (engines.size > ENGINES) engines.delete(engines.keys().next().value!);
    }
    return engine;
  };
}

/**
 * Sessions share the engine's one instance. A session starting from other definitions than the instance
 * holds resets it (begingroup's sandbox) and renders its definitions again; from the same ones (the next
 * slide, usually), it goes on as is.
 */
function mathJaxEngine(options: MathJaxTexOptions): TexEngine {
  let instance: Instance | null = null;
  let owner: object | null = null;
  // begingroup's sandbox is how sessions reset; it has to come before newcommand to work.
  const packages = options.packages.filter((name) => name !== 'begingroup');
  const withPackages: MathJaxTexOptions = { ...options, packages: [...packages.slice(0, packages[0] === 'base' ? 1 : 0), 'begingroup', ...packages.slice(packages[0] === 'base' ? 1 : 0)] };
  return {
    session(definitions, equations): TexSession {
      const mine = { definitions: [...definitions] };
      const ready = (): Instance => {
        instance ??= createInstance(withPackages);
        const state = mine.definitions.join('\u0000');
        if (owner !== mine || instance.state !== state) {
          if (instance.state !== state) {
            convert(instance, SANDBOX, false);
            for (const definition of mine.definitions) convert(instance, definition, false);
            instance.state = state;
          }
          instance.tex.reset(equations);
          owner = mine;
        }
        return instance;
      };
      let counted = equations;
      return {
        render(tex, display) {
          const current = ready();
          const result = convert(current, tex, display);
          counted = current.tex.parseOptions.tags.counter;
          equations = counted;
          if (definesMacros(tex)) {
            mine.definitions.push(tex);
            current.state = mine.definitions.join('\u0000');
          }
          return result;
        },
        equations: () => counted,
      };
    },
  };
}

function convert(instance: Instance, tex: string, display: boolean): { html: string } | { error: string } {
  try {
    return { html: instance.html(instance.document.convert(tex, { display })) };
  } catch (error) {
    // MathJax's TexError is not an Error, but has a message.
    const message = (error as { message?: unknown } | null)?.message;
    return { error: typeof message === 'string' ? message : String(error) };
  }
}
