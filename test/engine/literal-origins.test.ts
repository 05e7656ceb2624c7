/**
 * The followed-literals API that rules and fixes share: for an expression, every literal it carries with
 * the file and span where it is written, through constants, objects, classes and modules.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { LiteralTracer } from '../../rules/engine/literal-origins';
import { parseSource, typescript } from '../../rules/engine/parse';
import { Scopes } from '../../rules/engine/scope';
import { WorkspaceIndex } from '../../rules/engine/workspace-index';

const ROOT = path.resolve('/virtual/literals');

/** The literals the argument of `use(…)` in `src/main.ts` carries, as `file:line text`. */
function originsOfUse(files: Record<string, string>): string[] {
  const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const index = new WorkspaceIndex({ readFile: (file) => texts.get(file), fileExists: (file) => texts.has(file), configuredHosts: () => [] });
  const mainPath = path.join(ROOT, 'src/main.ts');
  const sourceFile = parseSource(mainPath, texts.get(mainPath)!);
  const ts = typescript();
  let argument: TS.Expression | undefined;
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'use') argument = node.arguments[0];
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const tracer = new LiteralTracer(sourceFile, new Scopes(), index);
  return tracer.origins(argument!).map((origin) => {
    const text = texts.get(origin.file)!;
    const line = text.slice(0, origin.span.start).split('\n').length;
    return `${path.relative(ROOT, origin.file)}:${line} ${text.slice(origin.span.start, origin.span.end)}`;
  });
}

describe('LiteralTracer (followed literals)', () => {
  it('follows a constant, a fallback and a conditional in the same file', () => {
    assert.deepEqual(originsOfUse({ 'src/main.ts': "const A = 'x';\nconst B = process.env.B ?? 'y';\nuse(flag ? A : B);" }), [
      "src/main.ts:1 'x'",
      "src/main.ts:2 'y'",
    ]);
  });

  it('follows an exported constant, an `export default` object and a re-export to the file that writes them', () => {
    const files = {
      'src/config/models.ts': "export const CHAT = 'chatdemo';\nexport default { embed: { name: 'embed-dep' } };",
      'src/config/index.ts': "export * from './models';\nexport { default as models } from './models';",
      'src/main.ts': "import { CHAT, models } from './config';\nuse(CHAT || models.embed.name);",
    };
    assert.deepEqual(originsOfUse(files), ["src/config/models.ts:1 'chatdemo'", "src/config/models.ts:2 'embed-dep'"]);
  });

  it('follows CommonJS `module.exports = {…}` and `exports.x` through require', () => {
    const files = {
      'src/config.js': "const MODEL = 'gpt-4o';\nmodule.exports = { openai: { model: MODEL } };\nexports.other = 'o3';",
      'src/main.ts': "const config = require('./config');\nuse(config.openai.model);",
    };
    assert.deepEqual(originsOfUse(files), ["src/config.js:1 'gpt-4o'"]);
  });

  it('follows class field defaults, parameter-property defaults and `this.x` assignments', () => {
    const code = "class C {\n  a = 'one';\n  constructor(private b = 'two') { this.c = 'three'; }\n  run() { use(this.a ?? this.b ?? this.c); }\n}";
    assert.deepEqual(originsOfUse({ 'src/main.ts': code }), ["src/main.ts:2 'one'", "src/main.ts:3 'two'", "src/main.ts:3 'three'"]);
  });

  it('finds nothing for values read at run time, and does not loop on cycles', () => {
    assert.deepEqual(originsOfUse({ 'src/main.ts': 'let a = b;\nlet b = a;\nuse(a ?? process.env.X ?? getModel());' }), []);
    const files = { 'src/a.ts': "export { X } from './main';", 'src/main.ts': "export { X } from './a';\nimport { X } from './a';\nuse(X);" };
    assert.deepEqual(originsOfUse(files), []);
  });
});
