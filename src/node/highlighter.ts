import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HLJSApi, LanguageFn } from 'highlight.js';
import type { Highlighter } from '../types.ts';

/**
 * highlight.js with its grammars loaded on first use. Importing all 192 costs ~85 ms at every start of
 * `lectern dev`; a deck uses a handful. Loading is synchronous (CommonJS), so parsing stays synchronous.
 */
const load = createRequire(import.meta.url);
export const hljs: HLJSApi = load('highlight.js/lib/core');

const grammarFolder = join(dirname(load.resolve('highlight.js/lib/core')), 'languages');
let grammarNames: Set<string> | undefined;
let allLoaded = false;
/** Every grammar in highlight.js's own registration order, which breaks auto-detection ties. */
let registrationOrder: string[] = [];
/** The name each registered grammar was registered under; rebuilt when grammars are added. */
let grammarKeys: { count: number; keys: Map<unknown, string> } | undefined;

/** Aliases decks use most, so they do not load every grammar; a unit test checks them against highlight.js. */
export const COMMON_ALIASES: Readonly<Record<string, string>> = {
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', ts: 'typescript', tsx: 'typescript',
  html: 'xml', xhtml: 'xml', svg: 'xml', sh: 'bash', zsh: 'bash', console: 'shell', py: 'python', rb: 'ruby',
  yml: 'yaml', md: 'markdown', 'c++': 'cpp', cc: 'cpp', h: 'c', cs: 'csharp', kt: 'kotlin', rs: 'rust',
  golang: 'go', jsonc: 'json', text: 'plaintext', txt: 'plaintext', patch: 'diff', docker: 'dockerfile',
};

function isGrammarFile(name: string): boolean {
  grammarNames ??= new Set(readdirSync(grammarFolder).filter((file) => file.endsWith('.js') && !file.endsWith('.js.js')).map((file) => file.slice(0, -3)));
  return grammarNames.has(name);
}

function loadAll(): void {
  if (allLoaded) return;
  // Its main module registers every grammar on this same core instance; the order is noted on the way.
  const register = hljs.registerLanguage;
  const order: string[] = [];
  hljs.registerLanguage = (name, language) => {
    order.push(name);
    register(name, language);
  };
  try {
    load('highlight.js');
  } finally {
    hljs.registerLanguage = register;
  }
  registrationOrder = order.length > 0 ? order : hljs.listLanguages();
  grammarKeys = undefined; // grammars registered before were registered again, as new objects
  allLoaded = true;
}

/** Grammars a grammar embeds (`subLanguage`, e.g. CSS and JavaScript inside HTML) must be there too. */
function subLanguages(mode: unknown, seen = new Set<unknown>(), found = new Set<string>()): Set<string> {
  if (mode === null || typeof mode !== 'object' || seen.has(mode)) return found;
  seen.add(mode);
  const record = mode as Record<string, unknown>;
  const sub = record['subLanguage'];
  for (const name of typeof sub === 'string' ? [sub] : Array.isArray(sub) ? sub : []) found.add(String(name));
  for (const key of ['contains', 'variants', 'starts']) {
    const child = record[key];
    for (const item of Array.isArray(child) ? child : [child]) subLanguages(item, seen, found);
  }
  return found;
}

function register(name: string): void {
  hljs.registerLanguage(name, load(join(grammarFolder, `${name}.js`)) as LanguageFn);
  for (const sub of subLanguages(hljs.getLanguage(name))) ensureGrammar(sub);
}

/** Makes `language` (a name or alias, any case) known to `hljs` if highlight.js has it. */
export function ensureGrammar(language: string): void {
  const name = language.toLowerCase();
  if (allLoaded || hljs.getLanguage(name)) return;
  const canonical = COMMON_ALIASES[name] ?? name;
  if (/^[\w-]+$/.test(canonical) && isGrammarFile(canonical)) {
    register(canonical);
    if (hljs.getLanguage(name)) return;
  }
  loadAll(); // an alias we do not list: highlight.js alone knows it
}


function keyOf(language: unknown): string | undefined {
  const names = hljs.listLanguages();
  if (grammarKeys?.count !== names.length) grammarKeys = { count: names.length, keys: new Map(names.map((name) => [hljs.getLanguage(name), name])) };
  return grammarKeys.keys.get(language);
}

/** The installed highlight.js as the port of reveal.js's highlight plugin asks for it. */
export const highlightCode: Highlighter = {
  hasLanguage(name) {
    if (name === '') return false;
    ensureGrammar(name);
    return hljs.getLanguage(name) !== undefined;
  },
  aliasOf(name) {
    // hljs keeps aliases in lower case and looks the class up as written.
    if (name !== name.toLowerCase()) return undefined;
    const language = hljs.getLanguage(name);
    if (!language || !(language.aliases ?? []).some((alias) => alias.toLowerCase() === name)) return undefined;
    return keyOf(language);
  },
  highlight(code, language) {
    ensureGrammar(language);
    const result = hljs.highlight(code, { language, ignoreIllegals: true });
    return { value: result.value, language: result.language };
  },
  highlightAuto(code) {
    loadAll();
    const result = hljs.highlightAuto(code, registrationOrder);
    return { value: result.value, language: result.language };
  },
};
