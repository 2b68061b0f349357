import { describe, expect, it } from 'vitest';
import { faceKey, inlineStylesheet, namedFontFamilies, parseUnicodeRange } from './inline-css.ts';

const face = (family: string, range: string, weight = '400') =>
  `@font-face{font-family:'${family}';font-weight:${weight};src:url(./${family}-${weight}-${range.length}.woff2) format('woff2'),url(./x.woff) format('woff');unicode-range:${range}}`;

describe('parseUnicodeRange', () => {
  it('reads single points, ranges and wildcards', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+0131,U+4??')).toEqual([[0, 255], [0x131, 0x131], [0x400, 0x4ff]]);
  });
});

describe('inlineStylesheet', () => {
  const css = [face('Lato', 'U+0000-00FF'), face('Lato', 'U+0400-045F'), face('Unused', 'U+0000-00FF'), '.a{font-family:Lato,sans-serif;background:url(img/bg.png)}'].join('\n');
  const context = { characters: new Set([...'Hello'].map((c) => c.codePointAt(0)!)), families: namedFontFamilies([css]), dataUri: (url: string) => `data:test,${url}` };

  it('keeps the faces whose family is named and whose range covers a character, woff2 only, urls inlined', () => {
    const out = inlineStylesheet(css, context);
    expect(out.match(/@font-face/g)).toHaveLength(1);
    expect(out).toContain("src:url(data:test,./Lato-400-11.woff2) format('woff2')");
    expect(out).not.toContain('x.woff');
    expect(out).toContain('background:url(data:test,img/bg.png)');
  });

  it('keeps only the faces a browser used, when known', () => {
    const used = new Set([faceKey('Lato', 'normal', 'normal', 'U+0-FF')]);
    expect(inlineStylesheet(css, { ...context, used }).match(/@font-face/g)).toHaveLength(1);
    expect(inlineStylesheet(css, { ...context, used: new Set([faceKey('Lato', '700', 'normal', 'U+0-FF')]) })).not.toContain('@font-face');
  });

  it('finds families in font-family, reveal.js variables and the font shorthand', () => {
    expect([...namedFontFamilies(['h1{font:700 1em/1.2 "News Cycle"}', ':root{--r-main-font: Lato, sans-serif}'])].sort()).toEqual(['lato', 'news cycle', 'sans-serif']);
  });
});
