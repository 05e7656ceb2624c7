/**
 * The seam generator: the provider-neutral module (`src/ai/` by default) that the wrap fix creates in a
 * user's project, rendered in the project's own style, and the helpers that add entries to its config.
 */
import { renderModule } from './render';
import { seamModules } from './sources';
import type { ProjectStyle } from './style';

export { addConfigEntry, addConnectionEntry, addListValues, addObjectEntry, objectKeys, objectLists, topLevelList, configSetting, usesEnvHelper, type ConfigEntryResult, type ConfigSection, configDefault, configEntries, connectionEntries, sameConnection } from './config-entries';
export { configEntryName, connectionName, constantCase, envVarName, upperSnakeCase, type ConfigEntryKind } from './naming';
export { detectProjectStyle, indexReadsInStyle, type ProjectStyle } from './style';

export interface SeamFile {
  /** Path inside the seam folder, with `/` separators: `index.ts`, `providers/openai.ts`… */
  relativePath: string;
  text: string;
}

/** The seam's files: index, config, and the OpenAI-wire, OpenAI and Azure OpenAI adapters. */
export function generateSeam(style: ProjectStyle): SeamFile[] {
  const extension = style.fileExtension ?? (style.language === 'ts' ? '.ts' : '.js');
  return seamModules().map((module) => ({ relativePath: module.path + extension, text: renderModule(module.source, style) }));
}
