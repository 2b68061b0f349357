import { describe, expect, it } from 'vitest';
import { LecternError } from '../errors.ts';
import { findChromium } from './chromium.ts';

describe('finding Chromium', () => {
  it('takes an explicit path first, and says so when nothing is there', () => {
    expect(() => findChromium('/nowhere/chromium')).toThrow(LecternError);
    expect(() => findChromium('/nowhere/chromium')).toThrow('no browser at /nowhere/chromium');
  });

  it('falls back to a browser on this machine', () => {
    expect(findChromium()).toMatch(/chrom/i);
  });
});
