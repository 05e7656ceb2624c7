/** Vitest suites for the package's own modules. */
import type { FileBuilder, SiblingExport } from './builder';
import { plural } from './names';

// Suites exercise functions and services; components and hooks are covered by end-to-end tests.
const ROLES_UNDER_TEST: ReadonlyArray<SiblingExport['role']> = ['function', 'class'];

export function describeBlock(b: FileBuilder): string[] {
  const describe = b.useNamed('vitest', 'describe');
  const it = b.useNamed('vitest', 'it');
  const expect = b.useNamed('vitest', 'expect');
  const subject = ROLES_UNDER_TEST.map((role) => b.takeSibling(role)).find((sibling) => sibling !== undefined);
  const title = subject?.name ?? b.names.functionName();
  const cases = b.random.int(1, 4);
  const lines = [`${describe}('${title}', () => {`];
  for (let index = 0; index < cases; index++) {
    if (index > 0) lines.push('');
    lines.push(...testCase(b, it, expect, subject));
  }
  lines.push('});');
  return lines;
}

function testCase(b: FileBuilder, it: string, expect: string, subject: SiblingExport | undefined): string[] {
  const noun = b.names.noun();
  const fixture = [`    const ${plural(noun)} = [`, `      { id: '${noun}-1', ${b.names.adjective()}: true, amount: ${b.random.int(1, 900)} },`, `      { id: '${noun}-2', ${b.names.adjective()}: false, amount: ${b.random.int(1, 900)} },`, '    ];'];
  if (subject?.role === 'class') {
    const vi = b.useNamed('vitest', 'vi');
    return [
      `  ${it}('caches ${plural(noun)} it has loaded', async () => {`,
      ...fixture,
      `    const repository = { findOne: ${vi}.fn(async ({ where }: { where: { id: string } }) => ${plural(noun)}.find((item) => item.id === where.id)) };`,
      `    const service = new ${subject.name}(repository as never);`,
      `    await service.findById('${noun}-1');`,
      `    await service.findById('${noun}-1');`,
      `    ${expect}(repository.findOne).toHaveBeenCalledTimes(1);`,
      '  });',
    ];
  }
  if (subject?.role === 'function') {
    return [
      `  ${it}('handles ${b.names.adjective()} ${plural(noun)}', async () => {`,
      ...fixture,
      `    const result = await Promise.resolve((${subject.name} as (...args: unknown[]) => unknown)(${plural(noun)}, (item: { id: string }) => item.id));`,
      `    ${expect}(result).toBeDefined();`,
      '  });',
    ];
  }
  return [
    `  ${it}('keeps ${plural(noun)} in order', () => {`,
    ...fixture,
    `    const sorted = [...${plural(noun)}].sort((left, right) => left.amount - right.amount);`,
    `    ${expect}(sorted.map((item) => item.id)).toHaveLength(${plural(noun)}.length);`,
    '  });',
  ];
}
