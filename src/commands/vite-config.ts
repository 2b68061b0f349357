import { loadConfigFromFile, type ConfigEnv, type PluginOption, type UserConfig } from 'vite';
import { LecternError } from '../errors.ts';
import type { LecternOptions, LecternPlugin } from '../vite/plugin.ts';

export interface ProjectViteConfig {
  /** The project's config without any Lectern plugin of its own (the command adds one for its decks). */
  config: UserConfig;
  /** The options the project gave its `lectern()` plugin, if it has one. */
  lectern: LecternOptions | null;
  file: string | null;
}

/**
 * The project's own vite.config.* (plugins, aliases, server and build options), as `vite` would load it.
 * Lectern is a Vite plugin first: `lectern dev`/`build` run with the project's config, ours merged over it.
 */
export async function loadProjectViteConfig(root: string, env: ConfigEnv): Promise<ProjectViteConfig> {
  let loaded: Awaited<ReturnType<typeof loadConfigFromFile>>;
  try {
    loaded = await loadConfigFromFile(env, undefined, root, 'silent');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new LecternError('usage', `the project's Vite config could not be loaded: ${reason}`);
  }
  if (loaded === null) return { config: {}, lectern: null, file: null };
  const plugins = await flattenPlugins(loaded.config.plugins ?? []);
  const own = plugins.find((plugin): plugin is LecternPlugin => plugin.name === 'lectern' && 'api' in plugin);
  return {
    config: { ...loaded.config, plugins: plugins.filter((plugin) => plugin !== own) },
    lectern: own ? own.api.options : null,
    file: loaded.path,
  };
}

type FlatPlugin = Exclude<Awaited<PluginOption>, false | null | undefined | readonly unknown[]>;

async function flattenPlugins(options: PluginOption[]): Promise<FlatPlugin[]> {
  const flat: FlatPlugin[] = [];
  for (const option of options) {
    const value = await option;
    if (!value) continue;
    if (Array.isArray(value)) flat.push(...(await flattenPlugins(value)));
    else flat.push(value as FlatPlugin);
  }
  return flat;
}
