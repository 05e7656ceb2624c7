/**
 * Collects the pieces of one generated source file: import lines that blocks ask for as they use them, and
 * the blocks themselves. Imports are rendered last, so a file imports exactly what its code uses.
 */
import { Names } from './names';
import type { Random } from './random';

/** What another file of the same package exports, and how its importers may use it. */
export interface SiblingExport {
  name: string;
  role: 'type' | 'function' | 'class' | 'component' | 'hook' | 'router';
  /** Relative module specifier from the importing file (`../utils/format-order`). */
  specifier: string;
}

export class FileBuilder {
  readonly names: Names;
  private readonly named = new Map<string, { values: Set<string>; types: Set<string> }>();
  private readonly defaults = new Map<string, string>();
  private readonly rawImports: string[] = [];
  private readonly unusedSiblings: SiblingExport[];
  private readonly declared = new Set<string>();
  private readonly blocks: string[][] = [];
  private readonly picked = new Set<unknown>();

  constructor(
    readonly random: Random,
    siblings: readonly SiblingExport[],
  ) {
    this.names = new Names(random);
    this.unusedSiblings = [...siblings];
    // Local declarations must not shadow a name the file may import.
    for (const sibling of siblings) this.declared.add(sibling.name);
  }

  get lineCount(): number {
    return this.blocks.reduce((sum, block) => sum + block.length + 1, 0);
  }

  add(block: string[]): void {
    this.blocks.push(block);
  }

  /** Puts a block at a random position among the blocks so far (vendor code is not always at the end). */
  insertAnywhere(block: string[]): void {
    this.blocks.splice(this.random.int(0, this.blocks.length), 0, block);
  }

  insertFirst(block: string[]): void {
    this.blocks.unshift(block);
  }

  /** A random item, preferring ones this file has not picked yet (so a file does not repeat a template). */
  pickFresh<T>(items: readonly T[]): T {
    const fresh = items.filter((item) => !this.picked.has(item));
    const item = this.random.pick(fresh.length > 0 ? fresh : items);
    this.picked.add(item);
    return item;
  }

  /** A sibling export with this role that the file does not use yet; using it adds its import. */
  takeSibling(role: SiblingExport['role']): SiblingExport | undefined {
    const index = this.unusedSiblings.findIndex((sibling) => sibling.role === role);
    if (index < 0) return undefined;
    const [sibling] = this.unusedSiblings.splice(index, 1);
    this.useNamed(sibling.specifier, sibling.name, sibling.role === 'type');
    return sibling;
  }

  useNamed(module: string, name: string, typeOnly = false): string {
    let entry = this.named.get(module);
    if (!entry) this.named.set(module, (entry = { values: new Set(), types: new Set() }));
    (typeOnly ? entry.types : entry.values).add(name);
    return name;
  }

  useDefault(module: string, name: string): string {
    this.defaults.set(module, name);
    return name;
  }

  /** Import forms the helpers above do not model (namespace, `require`, `import x = require()`). */
  addImportLine(line: string): void {
    if (!this.rawImports.includes(line)) this.rawImports.push(line);
  }

  /** A top-level name not declared in this file yet: `base`, else `base2`, `base3` ... */
  declare(base: string): string {
    let name = base;
    for (let suffix = 2; this.declared.has(name); suffix++) name = `${base}${suffix}`;
    this.declared.add(name);
    return name;
  }

  /** ES module text: external imports first, then relative ones, then the blocks. */
  render(header: string[] = []): string {
    const modules = [...new Set([...this.defaults.keys(), ...this.named.keys()])].sort((a, b) => {
      const relative = (module: string) => (module.startsWith('.') ? 1 : 0);
      return relative(a) - relative(b) || a.localeCompare(b);
    });
    const importLines = modules.flatMap((module) => this.importLinesFor(module));
    return this.join(header, [...importLines, ...this.rawImports]);
  }

  /** CommonJS text: the `require` lines given as raw imports, then the blocks. */
  renderCommonJs(header: string[]): string {
    return this.join(header, this.rawImports);
  }

  private importLinesFor(module: string): string[] {
    const entry = this.named.get(module);
    const defaultName = this.defaults.get(module);
    const values = [...(entry?.values ?? [])].sort();
    const types = [...(entry?.types ?? [])].filter((name) => !entry?.values.has(name)).sort();
    const lines: string[] = [];
    if (defaultName !== undefined || values.length > 0) {
      const parts = [defaultName, values.length > 0 ? `{ ${values.join(', ')} }` : undefined].filter(Boolean);
      lines.push(`import ${parts.join(', ')} from '${module}';`);
    }
    if (types.length > 0) lines.push(`import type { ${types.join(', ')} } from '${module}';`);
    return lines;
  }

  private join(header: string[], imports: string[]): string {
    const sections = [header, imports, ...this.blocks].filter((lines) => lines.length > 0);
    return sections.map((lines) => lines.join('\n')).join('\n\n') + '\n';
  }
}
