/** The files `lectern new` writes, by path in the new project. `{{title}}` and `{{name}}` are filled in. */
export const TALK_TEMPLATE: Record<string, string> = {
  'package.json': `{
  "name": "{{name}}",
  "private": true,
  "type": "module",
  "scripts": {
    "dev": "lectern dev decks",
    "build": "lectern build decks --out site",
    "pdf": "lectern pdf decks/talk.md",
    "check": "lectern check decks"
  },
  "devDependencies": {
    "lectern": "^{{version}}"
  }
}
`,
  '.gitignore': 'node_modules/\nsite/\n*.pdf\n',
  // Lectern is a Vite plugin: \`npx vite\` serves the talk too, and the project's own plugins apply.
  'vite.config.js': `import lectern from 'lectern/vite';

export default {
  plugins: [lectern({ decks: 'decks' })],
  server: { host: '127.0.0.1' },
};
`,
  'decks/talk.md': `---
title: {{title}}
theme: white
highlightTheme: github
separator: '^===$'
verticalSeparator: '^___$'
revealOptions:
  transition: slide
  hash: true
---

# {{title}}

Your name, the event, the date

![The Lectern logo](/lectern.svg)

Note: Speaker notes go after "Note:". Press S for the speaker view, with the timer and the next slide.

===

## Three points, one at a time

- First, the problem <!-- .element: class="fragment" -->
- Then, what we tried <!-- .element: class="fragment" -->
- Last, what worked <!-- .element: class="fragment" -->

Note: Each point appears on the next key press.

===

## Walking through code

\`\`\`js [1|2-3|5]
function greet(name) {
  const message = \`Hello, \${name}!\`;
  console.log(message);
}
greet('world');
\`\`\`

Note: Each step highlights other lines.

___

### A vertical slide

Press ↓ to get here, Esc for the overview.

===

## Thank you

Questions?
`,
  'public/lectern.svg': `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="160" viewBox="0 0 240 160">
  <rect x="70" y="20" width="100" height="70" rx="6" fill="#f4d35e" stroke="#333" stroke-width="4"/>
  <line x1="120" y1="90" x2="120" y2="140" stroke="#333" stroke-width="8"/>
  <rect x="80" y="136" width="80" height="12" rx="4" fill="#333"/>
  <text x="120" y="62" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#333">Lectern</text>
</svg>
`,
};
