import { describe, expect, it } from 'vitest';
import { renderFence } from './code.ts';

describe('code fences', () => {
  it('are written as reveal.js 6.0.2\'s markdown plugin writes them, spaces and all', () => {
    expect(renderFence('const a = "<b>" & \'c\';', 'js')).toBe('<pre><code   class="js">const a = &quot;&lt;b&gt;&quot; &amp; &#39;c&#39;;</code></pre>');
    expect(renderFence('x', 'js [5: 1|2-3]')).toBe('<pre><code data-line-numbers="1|2-3" data-ln-start-from="5" class="js">x</code></pre>');
    expect(renderFence('x', 'python [1,3]')).toBe('<pre><code data-line-numbers="1,3"  class="python">x</code></pre>');
    expect(renderFence('x', 'python []')).toBe('<pre><code data-line-numbers=""  class="python">x</code></pre>');
    expect(renderFence('x', '')).toBe('<pre><code   class="">x</code></pre>');
  });
});
