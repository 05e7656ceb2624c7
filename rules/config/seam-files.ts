/** Where a seam's modules are: the extensions a seam module may have, and the file of one in a seam folder. */
import * as path from 'node:path';

/** The project's language and module flavour decide which one a seam's modules have. */
export const SEAM_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** The file of seam module `module` (`index`, `config` …) in `seamDir`, if there is one. */
export function findSeamModule(seamDir: string, module: string, fileExists: (filePath: string) => boolean): string | undefined {
  return SEAM_EXTENSIONS.map((extension) => path.join(seamDir, module + extension)).find(fileExists);
}
