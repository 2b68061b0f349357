import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, without types
import { mathJaxStylesheet } from '../../scripts/mathjax-css.mjs';
import { mathJaxSettingsOf } from '../deck/mathjax.ts';
import { createMathJax } from './mathjax.ts';

function htmlOf(result: { html: string } | { error: string }): string {
  return 'html' in result ? result.html : result.error;
}

describe('MathJax in Node', { timeout: 60_000 }, () => {
  it('ships the stylesheet the installed MathJax injects (regenerate: node scripts/mathjax-css.mjs)', () => {
    expect(readFileSync(new URL('../client/mathjax.css', import.meta.url), 'utf8')).toBe(mathJaxStylesheet());
  });

  it('keeps decks with different options apart, macros of the same name included', () => {
    const mathjax = createMathJax();
    const three = mathjax(mathJaxSettingsOf('MathJax3', { mathjax3: {} }).settings.engine);
    const four = mathjax(mathJaxSettingsOf('MathJax4', { mathjax4: {} }).settings.engine);
    const a = three.session([], 0);
    expect(a.render('\\def\\RR{a}', false)).toHaveProperty('html');
    const b = four.session([], 0);
    expect(b.render('\\RR', false)).toEqual({ error: 'Undefined control sequence \\RR' });
    expect(b.render('\\def\\RR{b}\\RR', false)).toHaveProperty('html');
    expect(htmlOf(a.render('\\RR', false))).toContain('<mi data-latex="a">a</mi>');
    // A session from no definitions does not see those of an earlier one.
    expect(three.session([], 0).render('\\RR', false)).toEqual({ error: 'Undefined control sequence \\RR' });
    expect(htmlOf(three.session(['\\gdef\\RR{c}'], 0).render('\\RR', false))).toContain('<mi data-latex="c">c</mi>');
    // Font data loaded later (an Arabic math letter) reaches the copy of MathJax that asked for it.
    expect(htmlOf(three.session([], 0).render('\\unicode{x1EE00}', false))).toMatch(/<path data-c="1EE00" d="M/);
  });
});
