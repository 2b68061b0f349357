import { describe, expect, it } from 'vitest';
import { assetUrls, rewriteAssetUrls } from './assets.ts';

describe('asset URLs', () => {
  it('finds every attribute that loads a file', () => {
    expect(assetUrls('img', { src: 'a.png', srcset: 'b.png 1x, c.png 2x' })).toEqual(['a.png', 'b.png', 'c.png']);
    expect(assetUrls('video', { src: 'v.mp4', poster: 'p.jpg' })).toEqual(['v.mp4', 'p.jpg']);
    expect(assetUrls('section', { 'data-background-image': 'bg.jpg', style: "background: url('x.png')" })).toEqual(['bg.jpg', 'x.png']);
    expect(assetUrls('a', { href: 'page.html' })).toEqual([]);
  });

  it('rewrites them in HTML without touching text or code', () => {
    const html = '<p><img src="img/a.png" alt="a"></p><pre><code>&lt;img src="img/a.png"&gt;</code></pre><div style="background:url(img/a.png)">img/a.png</div>';
    const rewritten = rewriteAssetUrls(html, (url) => (url === 'img/a.png' ? 'assets/a-123.png' : url));
    expect(rewritten).toBe(
      '<p><img src="assets/a-123.png" alt="a"></p><pre><code>&lt;img src="img/a.png"&gt;</code></pre><div style="background:url(assets/a-123.png)">img/a.png</div>',
    );
  });

  it('rewrites each srcset candidate and keeps its descriptor', () => {
    expect(rewriteAssetUrls('<img srcset="a.png 1x, b.png 2x">', (url) => `x/${url}`)).toBe('<img srcset="x/a.png 1x, x/b.png 2x">');
  });
});
