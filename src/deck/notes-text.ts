import { isTag, isText, parseHtml, type ChildNode } from './html.ts';
import { decodeHTML } from 'entities';

const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'section', 'aside', 'dl', 'dt', 'dd', 'hr']);

/**
 * Speaker notes as plain text, for PowerPoint's notes pane: one line per paragraph, list item or line
 * of code (items start with "• "), spaces collapsed elsewhere as a browser shows them.
 */
export function notesText(html: string): string {
  const lines: string[] = [];
  let line = '';
  const breakLine = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  const walk = (nodes: ChildNode[], pre: boolean) => {
    for (const node of nodes) {
      if (isText(node)) {
        const text = decodeHTML(node.data);
        if (!pre) line += text.replace(/\s+/g, ' ');
        else {
          const [first = '', ...rest] = text.split('\n');
          line += first;
          for (const next of rest) {
            lines.push(line.trimEnd());
            line = next;
          }
        }
      } else if (isTag(node)) {
        const name = node.name.toLowerCase();
        if (name === 'br') breakLine();
        else if (BLOCKS.has(name)) {
          breakLine();
          if (name === 'li') line = '• ';
          walk(node.children, pre || name === 'pre');
          breakLine();
        } else if (name !== 'script' && name !== 'style') walk(node.children, pre);
      }
    }
  };
  walk(parseHtml(html).children, false);
  breakLine();
  return lines.filter((text) => text !== '•').join('\n');
}
