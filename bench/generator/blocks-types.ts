/** Type-level blocks: interfaces, unions, enums, validation schemas. */
import type { FileBuilder } from './builder';
import { pascal } from './names';

export function interfaceBlock(b: FileBuilder, requestedName?: string): string[] {
  const name = b.declare(requestedName ?? b.names.typeName());
  const parent = b.random.chance(0.2) ? b.takeSibling('type') : undefined;
  const fields = b.names.fields(b.random.int(2, 9)).map(({ name: field, type }) => {
    const optional = field !== 'id' && b.random.chance(0.25) ? '?' : '';
    const doc = b.random.chance(0.2) ? [`  /** The ${field.replace(/[A-Z]/g, (c) => ' ' + c.toLowerCase())} as stored. */`] : [];
    return [...doc, `  ${field}${optional}: ${type};`];
  });
  const extendsClause = parent ? ` extends ${parent.name}` : '';
  return [
    `/** ${pascal(b.names.adjective())} ${b.names.noun()} data shared between the API and the UI. */`,
    `export interface ${name}${extendsClause} {`,
    ...fields.flat(),
    '}',
  ];
}

export function unionBlock(b: FileBuilder): string[] {
  const noun = b.names.noun();
  const name = b.declare(`${pascal(noun)}Status`);
  const members = new Set<string>();
  const count = b.random.int(2, 6);
  while (members.size < count) members.add(b.names.adjective());
  return [`export type ${name} = ${[...members].map((member) => `'${member}'`).join(' | ')};`];
}

export function enumBlock(b: FileBuilder): string[] {
  const name = b.declare(`${pascal(b.names.noun())}Kind`);
  const members = new Set<string>();
  const count = b.random.int(2, 5);
  while (members.size < count) members.add(pascal(b.names.adjective()));
  return [`export enum ${name} {`, ...[...members].map((member) => `  ${member} = '${member.toLowerCase()}',`), '}'];
}

export function genericResultBlock(b: FileBuilder): string[] {
  const name = b.declare(`${pascal(b.names.noun())}Result`);
  return [
    `export type ${name}<T, E = Error> =`,
    '  | { ok: true; value: T; receivedAt: Date }',
    '  | { ok: false; error: E; retryable: boolean };',
    '',
    `export function is${name}Ok<T, E>(result: ${name}<T, E>): result is Extract<${name}<T, E>, { ok: true }> {`,
    '  return result.ok;',
    '}',
  ];
}

export function schemaBlock(b: FileBuilder): string[] {
  const z = b.useNamed('zod', 'z');
  const noun = b.names.noun();
  const name = b.declare(`${noun}Schema`);
  const typeName = b.declare(`${pascal(noun)}Input`);
  const validators: Record<string, string> = {
    string: `${z}.string().min(1)`,
    number: `${z}.number().nonnegative()`,
    boolean: `${z}.boolean()`,
    Date: `${z}.coerce.date()`,
    'string[]': `${z}.array(${z}.string())`,
    'number | null': `${z}.number().nullable()`,
    'Record<string, string>': `${z}.record(${z}.string(), ${z}.string())`,
  };
  const fields = b.names.fields(b.random.int(2, 7));
  return [
    `export const ${name} = ${z}.object({`,
    ...fields.map(({ name: field, type }) => `  ${field}: ${validators[type] ?? `${z}.string()`},`),
    '});',
    '',
    `export type ${typeName} = ${z}.infer<typeof ${name}>;`,
  ];
}
