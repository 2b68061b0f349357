import { parseFragment, serialize } from 'parse5';
import { describe, expect, it } from 'vitest';
import { createElement, innerHTML, parseSpans, setInnerHTML, type DomElement } from './browser-dom.ts';

/** What the standard parser alone makes of `markup` in a `<code>`, serialized. */
function parsed(markup: string): string {
  return serialize(parseFragment(createElement('code', {}), markup, {}));
}

function viaPort(markup: string): { html: string; element: DomElement } {
  const element = createElement('code', {});
  setInnerHTML(element, markup);
  return { html: innerHTML(element), element };
}

describe('the DOM the highlight plugin port works on', () => {
  it('parses highlight.js output without the full parser into the same tree', () => {
    const samples = [
      '',
      'plain &amp; &lt;text&gt; &nbsp;&quot;&#x27;&copy &#128;',
      '<span class="hljs-keyword">const</span> a = <span class="hljs-string">`x <span class="hljs-subst">${</span></span>',
      '<span class="hljs-subst">y}</span></span> z`;</span>',
      '<span class="a &amp; b"><span class="c">unclosed',
    ];
    for (const markup of samples) {
      expect(parseSpans(markup), markup).not.toBeNull();
      expect(viaPort(markup).html, markup).toBe(parsed(markup));
    }
  });

  it('leaves anything but text and class-only spans to the full parser', () => {
    for (const markup of ['<b>x</b>', '<span id="a">x</span>', '<!-- c -->', 'a\r\nb', '<span class=a>x</span>', 'a < b']) {
      expect(parseSpans(markup), markup).toBeNull();
      expect(viaPort(markup).html, markup).toBe(parsed(markup));
    }
  });

  it('serializes as the standard serializer does', () => {
    const samples = [
      '<p title="a &quot;b&quot; <c> &amp;">x\u00a0<br>y</p><script>if (a < b) {}</script>',
      '<svg viewBox="0 0 1 1"><foreignObject><div>z</div></foreignObject></svg><template><i>t</i></template>',
      '<table><tr><td>cell</td></tr></table><!-- note -->',
    ];
    for (const markup of samples) {
      const element = createElement('code', {});
      setInnerHTML(element, markup);
      expect(innerHTML(element), markup).toBe(parsed(markup));
    }
  });
});
