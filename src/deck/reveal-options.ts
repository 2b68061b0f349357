/**
 * Every key a deck's revealOptions may hold: reveal.js 6's RevealConfig (its dist/config.d.ts; a unit
 * test fails when that file gains or loses a key) and what its built-in plugins read from the same
 * configuration object besides (a unit test reads the plugins' code for them).
 */
export const REVEAL_CONFIG_KEYS = [
  'width', 'height', 'margin', 'minScale', 'maxScale', 'controls', 'controlsTutorial', 'controlsLayout',
  'controlsBackArrows', 'progress', 'slideNumber', 'showSlideNumber', 'hashOneBasedIndex', 'hash',
  'respondToHashChanges', 'jumpToSlide', 'history', 'keyboard', 'keyboardCondition', 'disableLayout',
  'overview', 'center', 'touch', 'loop', 'rtl', 'navigationMode', 'shuffle', 'fragments', 'fragmentInURL',
  'embedded', 'help', 'pause', 'showNotes', 'showHiddenSlides', 'autoPlayMedia', 'preloadIframes',
  'preventIframeAutoFocus', 'autoAnimate', 'autoAnimateMatcher', 'autoAnimateEasing', 'autoAnimateDuration',
  'autoAnimateUnmatched', 'autoAnimateStyles', 'autoSlide', 'autoSlideStoppable', 'autoSlideMethod',
  'defaultTiming', 'mouseWheel', 'previewLinks', 'postMessage', 'postMessageEvents',
  'focusBodyOnPageVisibilityChange', 'transition', 'transitionSpeed', 'backgroundTransition',
  'parallaxBackgroundImage', 'parallaxBackgroundSize', 'parallaxBackgroundRepeat', 'parallaxBackgroundPosition',
  'parallaxBackgroundHorizontal', 'parallaxBackgroundVertical', 'view', 'scrollLayout', 'scrollSnap',
  'scrollProgress', 'scrollActivationWidth', 'pdfMaxPagesPerSlide', 'pdfSeparateFragments',
  'pdfPageHeightOffset', 'viewDistance', 'mobileViewDistance', 'display', 'hideInactiveCursor',
  'hideCursorTime', 'sortFragmentsOnSync', 'highlight', 'markdown', 'katex', 'mathjax2', 'mathjax3',
  'mathjax4', 'dependencies', 'plugins',
] as const;

/** Options the built-in plugins read that RevealConfig does not declare, by plugin. */
export const PLUGIN_OPTION_KEYS = {
  // The speaker view: its own URL, and the pacing timer (defaultTiming is in RevealConfig).
  notes: ['url', 'totalTime', 'minimumTimePerSlide'],
  zoom: ['zoomKey', 'zoomLevel'],
  // The MathJax 2 plugin's older name for its options.
  math: ['math'],
  search: [],
  markdown: [],
  highlight: [],
} as const satisfies Record<string, readonly string[]>;

export const REVEAL_OPTION_KEYS: readonly string[] = [...REVEAL_CONFIG_KEYS, ...Object.values(PLUGIN_OPTION_KEYS).flat()];
