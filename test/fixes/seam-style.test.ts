/**
 * Detecting a project's module style (package.json, tsconfig with `extends`, the files present) and the
 * seam's file names and import lines in each style. The real-SDK checks are in seam-generate.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectProjectStyle, generateSeam, type ProjectStyle } from '../../rules/fixes/seam';
import { makeTempDir, removeTempDir } from '../files/temp';

describe('fixes/seam: detectProjectStyle', () => {
  let dir: string;
  const write = (relativePath: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, relativePath)), { recursive: true });
    fs.writeFileSync(path.join(dir, relativePath), text);
  };

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('TypeScript under NodeNext in an ES module package: `.js` suffixes, options inherited through extends (JSONC)', () => {
    write('package.json', '{ "type": "module" }');
    write('tsconfig.json', '{\n  // comments and trailing commas are fine\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": { "strict": true, },\n}');
    write('tsconfig.base.json', '{ "extends": "@acme/tsconfig/node.json", "compilerOptions": { "verbatimModuleSyntax": true } }');
    write('node_modules/@acme/tsconfig/node.json', '{ "compilerOptions": { "module": "NodeNext", "allowJs": true } }');
    write('src/app.ts', 'export {};');
    assert.deepEqual(detectProjectStyle(dir), { language: 'ts', module: 'esm', importSuffix: '.js', typeImports: true, fileExtension: '.ts', compilesJavaScript: true });
  });

  it('TypeScript under Node16 without "type": "module" compiles to CommonJS: no suffix, and ES-module-only packages cannot be imported', () => {
    write('tsconfig.json', '{ "compilerOptions": { "module": "node16" } }');
    write('src/app.ts', 'export {};');
    assert.deepEqual(detectProjectStyle(dir), { language: 'ts', module: 'cjs', importSuffix: '', typeImports: false, fileExtension: '.ts', compilesJavaScript: false, commonJsNodeResolution: true });
  });

  it('TypeScript with bundler resolution, and a tsconfig named by the caller', () => {
    write('tsconfig.app.json', '{ "compilerOptions": { "module": "ESNext", "moduleResolution": "Bundler" } }');
    write('src/app.tsx', 'export {};');
    assert.deepEqual(detectProjectStyle(dir, path.join(dir, 'tsconfig.app.json')), {
      language: 'ts',
      module: 'esm',
      importSuffix: '',
      typeImports: false,
      fileExtension: '.ts',
      compilesJavaScript: false,
    });
  });

  it('JavaScript: the package type, `.mjs` / `.cjs` files and the syntax of `.js` files decide', () => {
    const javaScript = (module: 'esm' | 'cjs', fileExtension: '.js' | '.mjs' | '.cjs', importSuffix: ProjectStyle['importSuffix']): ProjectStyle => ({
      language: 'js',
      module,
      importSuffix,
      typeImports: false,
      fileExtension,
    });
    write('src/app.js', "const { OpenAI } = require('openai');\nmodule.exports = {};\n");
    write('node_modules/dep/index.ts', 'export {};');
    write('dist/bundle.mjs', 'export {};');
    assert.deepEqual(detectProjectStyle(dir), javaScript('cjs', '.js', ''), 'require in .js; dependencies and output are not the project');

    write('src/app.js', "import { OpenAI } from 'openai';\nexport const client = new OpenAI();\n");
    assert.deepEqual(detectProjectStyle(dir), javaScript('esm', '.js', '.js'), 'ES module syntax in .js: a bundler project');

    fs.rmSync(path.join(dir, 'src', 'app.js'));
    write('src/app.mjs', 'export {};');
    assert.deepEqual(detectProjectStyle(dir), javaScript('esm', '.mjs', '.mjs'));

    write('package.json', '{ "type": "module" }');
    fs.rmSync(path.join(dir, 'src', 'app.mjs'));
    write('src/app.cjs', 'module.exports = {};');
    assert.deepEqual(detectProjectStyle(dir), javaScript('cjs', '.cjs', '.cjs'), 'only .cjs files in an ES module package');

    write('src/other.js', 'export {};');
    assert.deepEqual(detectProjectStyle(dir), javaScript('esm', '.js', '.js'));
  });
});

describe('fixes/seam: generateSeam file names and imports per style', () => {
  const importLines = (style: ProjectStyle, file: string): string[] => {
    const text = generateSeam(style).find((candidate) => candidate.relativePath === file)!.text;
    return text.split('\n').filter((line) => /^(?:import|const \{.*require|\/\*\* @import|export \{|module\.exports)/.test(line));
  };

  it('the seven modules, with the project extension', () => {
    const style: ProjectStyle = { language: 'js', module: 'esm', importSuffix: '.mjs', typeImports: false, fileExtension: '.mjs' };
    assert.deepEqual(
      generateSeam(style).map((file) => file.relativePath),
      ['index.mjs', 'config.mjs', 'openai-compat.mjs', 'routing.mjs', 'providers/registry.mjs', 'providers/openai-wire.mjs', 'providers/openai.mjs', 'providers/azure-openai.mjs'],
    );
    assert.deepEqual(importLines(style, 'providers/openai.mjs'), [
      "import OpenAI from 'openai';",
      "/** @import { Connection } from '../config.mjs' */",
      "/** @import { Provider } from '../index.mjs' */",
      "import { openAIWireProvider } from './openai-wire.mjs';",
    ]);
  });

  it('TypeScript: `import type` and `type` modifiers only with verbatimModuleSyntax', () => {
    const typeImports: ProjectStyle = { language: 'ts', module: 'esm', importSuffix: '.js', typeImports: true };
    assert.deepEqual(importLines(typeImports, 'providers/openai-wire.ts'), [
      "import type { OpenAI } from 'openai';",
      "import type { ChatChunk, ChatMessage, ChatRequest, ChatResult, FinishReason, Provider, RequestOptions, ResponseSchema, Usage } from '../index.js';",
    ]);
    assert.deepEqual(importLines(typeImports, 'index.ts').slice(0, 2), [
      "import { models, type ConnectionSettings, type ModelName } from './config.js';",
      "import { chatNeeds, configModel, embeddingNeeds, modelById, pinnedBy, served, type Target, withFailover, withFailoverStream } from './routing.js';",
    ]);

    const plain: ProjectStyle = { language: 'ts', module: 'cjs', importSuffix: '', typeImports: false };
    assert.deepEqual(importLines(plain, 'providers/openai-wire.ts'), [
      "import { OpenAI } from 'openai';",
      "import { ChatChunk, ChatMessage, ChatRequest, ChatResult, FinishReason, Provider, RequestOptions, ResponseSchema, Usage } from '../index';",
    ]);
    assert.deepEqual(importLines(plain, 'index.ts').at(-1), 'export { models, type ConnectionSettings, type ModelName };', 'a type re-export stays marked (isolatedModules)');
  });

  it('CommonJS JavaScript: require, JSDoc imports, one module.exports', () => {
    const style: ProjectStyle = { language: 'js', module: 'cjs', importSuffix: '', typeImports: false };
    assert.deepEqual(importLines(style, 'providers/openai-wire.js'), [
      "/** @import { OpenAI } from 'openai' */",
      "/** @import { ChatChunk, ChatMessage, ChatRequest, ChatResult, FinishReason, Provider, RequestOptions, ResponseSchema, Usage } from '../index' */",
      'module.exports = { openAIWireProvider };',
    ]);
    assert.deepEqual(importLines(style, 'providers/openai.js').slice(0, 1), ["const { default: OpenAI } = require('openai');"], 'the SDK\'s documented default import, required');
    assert.deepEqual(importLines(style, 'index.js'), [
      "const { models } = require('./config');",
      "const { chatNeeds, configModel, embeddingNeeds, modelById, pinnedBy, served, withFailover, withFailoverStream } = require('./routing');",
      "/** @import { Target } from './routing' */",
      'module.exports = { chatModel, embeddingModel, moderationModel, chatModelById, embeddingModelById, moderationModelById, models };',
    ]);
    assert.deepEqual(importLines(style, 'providers/registry.js'), [
      "/** @import { Capability, Connection } from '../config' */",
      "/** @import { Provider } from '../index' */",
      "const { azureOpenAIProvider } = require('./azure-openai');",
      "const { openAIProvider } = require('./openai');",
      'module.exports = { adapters };',
    ]);
    const config = generateSeam(style).find((file) => file.relativePath === 'config.js')!.text;
    assert.match(config, /^const connectionOverride = env\('AI_PROVIDER', ''\);$/m);
    assert.doesNotMatch(config, /^export /m);
  });
});
