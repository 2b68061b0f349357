/**
 * Everything a deck page loads besides its styles and data: Lectern's runtime and the reveal.js plugins
 * every deck gets. `npm install` bundles it into one file (scripts/build-cli.mjs), so the dev server
 * serves one module instead of twenty on a page's first load.
 */
export { mount } from './main.ts';
export { default as Notes } from 'reveal.js/plugin/notes';
export { default as Search } from 'reveal.js/plugin/search';
export { default as Zoom } from 'reveal.js/plugin/zoom';
