/** `import lectern from 'lectern/vite'`: the Vite plugin, for a project's own vite.config.ts. */
export { lectern as default, lectern, type LecternOptions, type LecternPlugin, type LintOptions } from './plugin.ts';
