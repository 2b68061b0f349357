import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HLJSApi, LanguageFn } from 'highlight.js';
import { escapeHtml } from '../deck/escape.ts';
import type { Renderers } from '../types.ts';

/**
 * highlight.js with its grammars loaded on first use. Importing all 192 costs ~85 ms at every start of
 * `lectern dev`; a deck uses a handful. Loading is synchronous (CommonJS), so parsing stays synchronous.
 */
const load = createRequire(import.meta.url);
export const hljs: HLJSApi = load('highlight.js/lib/core');

const grammarFolder = join(dirname(load.resolve('highlight.js/lib/core')), 'languages');
let grammarNames: Set<string> | undefined;
let allLoaded = false;

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
  load('highlight.js'); // its main module registers every grammar on this same core instance
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

// Auto-detection compiles every grammar it tries (~0.5 s for all 190); these cover what decks show.
const AUTO_DETECT_LANGUAGES = [
  'bash', 'c', 'cpp', 'csharp', 'css', 'diff', 'go', 'java', 'javascript', 'json', 'kotlin', 'markdown',
  'php', 'python', 'ruby', 'rust', 'shell', 'sql', 'swift', 'typescript', 'xml', 'yaml',
];

/** Highlights code as reveal.js's highlight plugin does (hljs, ignoring illegal input; auto-detect when no language). */
export const highlightCode: Renderers['highlight'] = (code, language) => {
  if (/^no-?highlight$/i.test(language) || language === 'plaintext' || language === 'text') {
    return { html: escapeHtml(code), language: null };
  }
  if (language) ensureGrammar(language);
  else AUTO_DETECT_LANGUAGES.forEach(ensureGrammar);
  const known = language && hljs.getLanguage(language) ? language : null;
  if (language && !known) return { html: escapeHtml(code), language: null };
  const result = known
    ? hljs.highlight(code, { language: known, ignoreIllegals: true })
    : hljs.highlightAuto(code, AUTO_DETECT_LANGUAGES);
  return { html: result.value, language: result.language ?? null };
};
