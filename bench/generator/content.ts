/** Writes the text of one planned file: its kind's main export, filler blocks up to its size, vendor code or a trap. */
import { describeBlock } from './blocks-tests';
import { legacyBlock, legacyMainBlock } from './blocks-legacy';
import { componentBlock, hookBlock } from './blocks-react';
import { handlerBlock, middlewareBlock, routerBlock } from './blocks-routes';
import { asyncFunctionBlock, configBlock, serviceClassBlock } from './blocks-services';
import { enumBlock, genericResultBlock, interfaceBlock, schemaBlock, unionBlock } from './blocks-types';
import { utilBlock } from './blocks-utils';
import { FileBuilder } from './builder';
import type { FileKind, PlannedFile } from './layout';
import { Random } from './random';
import { trapBlock, trapNeedsTestFile } from './trap-code';
import { vendorBlock } from './vendor-code';

type Filler = (b: FileBuilder) => string[];
type ModuleKind = Exclude<FileKind, 'index' | 'script'>;

/** The block that declares a kind's main export (the name other files import). */
const MAIN_BLOCK: Record<ModuleKind, (b: FileBuilder, exportName: string) => string[]> = {
  service: serviceClassBlock,
  component: componentBlock,
  hook: hookBlock,
  util: utilBlock,
  route: routerBlock,
  types: interfaceBlock,
  test: describeBlock,
};

/** What else files of each kind contain, by weight. */
const FILLERS: Record<ModuleKind, ReadonlyArray<readonly [Filler, number]>> = {
  service: [[asyncFunctionBlock, 3], [configBlock, 1], [interfaceBlock, 2], [(b) => utilBlock(b), 2]],
  component: [[(b) => componentBlock(b), 3], [(b) => utilBlock(b), 1], [(b) => interfaceBlock(b), 1]],
  hook: [[(b) => hookBlock(b), 2], [(b) => utilBlock(b), 1], [(b) => interfaceBlock(b), 1]],
  util: [[(b) => utilBlock(b), 5], [(b) => interfaceBlock(b), 1], [unionBlock, 1]],
  route: [[middlewareBlock, 1]],
  types: [[(b) => interfaceBlock(b), 4], [unionBlock, 2], [enumBlock, 1], [genericResultBlock, 1], [schemaBlock, 2]],
  test: [[describeBlock, 1]],
};

export function fileContent(file: PlannedFile, seed: number): string {
  if (file.kind === 'index') return indexContent(file);
  const b = new FileBuilder(Random.derived(seed, file.index), file.siblings);
  if (file.kind === 'script') return scriptContent(file, b);

  const kind = file.kind;
  if (file.vendor === 'shared-client') {
    b.add(vendorBlock(file.vendor, b).lines);
    return b.render();
  }
  // A route file's handlers hang off the router its main block declares.
  const fillers = kind === 'route' ? [...FILLERS.route, [(builder: FileBuilder) => handlerBlock(builder, file.exportName!), 4] as const] : FILLERS[kind];
  b.add(MAIN_BLOCK[kind](b, file.exportName ?? ''));
  while (b.lineCount < file.targetLines) b.add(b.random.weighted(fillers)(b));
  if (file.vendor) b.insertAnywhere(vendorBlock(file.vendor, b, file.sharedClientSpecifier).lines);
  if (file.trap) {
    const block = trapBlock(file.trap, b);
    if (trapNeedsTestFile(file.trap)) b.insertFirst(block);
    else b.insertAnywhere(block);
  }
  return b.render(fileHeader(b, kind));
}

const TOPIC_OF_KIND: Record<Exclude<ModuleKind, 'test'>, string> = {
  service: 'Data access and business rules',
  component: 'UI',
  hook: 'React hooks',
  util: 'Helpers',
  route: 'HTTP routes',
  types: 'Types',
};

function fileHeader(b: FileBuilder, kind: ModuleKind): string[] {
  if (kind === 'test' || !b.random.chance(0.35)) return [];
  return [`/** ${TOPIC_OF_KIND[kind]} for the ${b.names.noun()} domain. */`];
}

function indexContent(file: PlannedFile): string {
  const lines = file.siblings.map(({ name, role, specifier }) =>
    role === 'type' ? `export type { ${name} } from '${specifier}';` : `export { ${name} } from '${specifier}';`,
  );
  return `${lines.join('\n')}\n`;
}

function scriptContent(file: PlannedFile, b: FileBuilder): string {
  const exported: string[] = [];
  while (b.lineCount < file.targetLines) {
    const block = legacyBlock(b);
    b.add(block.lines);
    exported.push(block.exported);
  }
  if (file.vendor) {
    const block = vendorBlock(file.vendor, b);
    b.insertAnywhere(block.lines);
    if (block.exported) exported.push(block.exported);
  }
  b.add([`module.exports = { ${exported.join(', ')} };`]);
  if (b.random.chance(0.4)) b.add(legacyMainBlock(b, exported[0]));
  const shebang = b.random.chance(0.3) ? ['#!/usr/bin/env node'] : [];
  return b.renderCommonJs([...shebang, "'use strict';"]);
}
