/** A deck of `count` slides with what real talks hold: lists, fragments, code, notes, vertical stacks. */
export function generateDeck(count: number): string {
  const parts: string[] = ['---\ntitle: Generated deck\ntheme: white\nrevealOptions:\n  transition: none\n---\n'];
  for (let i = 1; i <= count; i++) {
    if (i > 1) parts.push(i % 5 === 0 ? '\n----\n' : '\n---\n');
    parts.push(`\n## Slide ${i}\n\n`);
    if (i % 10 === 3) {
      parts.push('```ts [1|2-3]\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n```\n');
    } else {
      parts.push(`- point one of slide ${i} <!-- .element: class="fragment" -->\n- point **two** with *emphasis* and a [link](https://example.com/${i})\n- point three <!-- .element: class="fragment" -->\n`);
    }
    if (i % 4 === 0) parts.push(`\n<!-- .slide: data-background="#eef" -->\n`);
    parts.push(`\nNote: speaker notes for slide ${i}.\n`);
  }
  return parts.join('');
}
