import * as assert from 'node:assert/strict';
import { analyzeSource } from '../../rules/engine/analysis';
import { importSpecifiers } from '../../rules/engine/import-specifiers';
import { WorkspaceIndex } from '../../rules/engine/workspace-index';
import { prefilter } from '../../rules/vendors/patterns';

describe('pre-filter', () => {
  const mentions = prefilter(['llm-gateway.internal.example']);
  const cases: Array<[string, boolean]> = [
    ["import OpenAI from 'openai';", true],
    ['const key = process.env.OPENAI_API_KEY;', true],
    ["import { ChatOpenAI } from '@langchain/openai';", true],
    ["import { azure } from '@ai-sdk/azure';", true],
    ["const url = 'https://res.cognitiveservices.azure.com/';", true],
    ["const url = 'https://RES.COGNITIVESERVICES.AZURE.COM/';", true],
    ["fetch('https://llm-gateway.internal.example/v1')", true],
    ["const k = 'sk-abc';", true],
    ["headers: { 'api-key': key }", true],
    ['// aidlint-disable-next-line vendor-call', true],
    ["const cls = 'task-list desk-item';", false],
    ["import express from 'express';\nexport const app = express();", false],
    ['const azureBlob = new BlobServiceClient(url);', false],
    // Mentions no fact can come from: a comment, a class name, a local module's path (the index follows imports).
    ['// Calls the OpenAI API through our gateway.\nexport const x = 1;', false],
    ['export class ChatOpenAIToolsParser extends Parser {}', false],
    ["import { ChatOpenAI } from './chat_models/openai.js';", false],
    ["const url = 'https://Api.OpenAI.com/v1';", true],
    ['const options = { openAIApiKey: key };', true],
    ['const file = require(`openai/uploads`);', true],
    ["import OpenAI from 'npm:openai@4';", true],
    // A vendor module counts where a module is named, comments between included; a model id does not.
    ["const client = await import(/* webpackIgnore: true */ 'openai');", true],
    ["const { OpenAI } = require(\n  // the SDK\n  'openai');", true],
    ["export * from '@langchain/openai';", true],
    ["const model = 'openai/gpt-4o';", false],
    // Key and version properties by their whole name; `apiKey` only in a file about Azure OpenAI.
    ["const headers = { 'x-api-key': key };", false],
    ["const client = new Client({ apiKey: key, apiVersionOverride: 'v2' });", false],
    ["const client = new AzureOpenAI({ apiKey: '0123456789abcdef0123456789abcdef' });", true],
    ['const options = { apiVersion };', true],
  ];
  for (const [text, expected] of cases) {
    it(`${expected ? 'keeps' : 'skips'} ${JSON.stringify(text)}`, () => {
      assert.equal(mentions(text), expected, 'as text');
      assert.equal(mentions(Buffer.from(text)), expected, 'as bytes');
    });
    // Exactness: a skipped file, parsed anyway, yields no fact (the findings of a scan do not change).
    if (!expected) {
      it(`finds nothing when parsing ${JSON.stringify(text)} anyway`, () => {
        const index = new WorkspaceIndex({ readFile: () => undefined, fileExists: () => false, configuredHosts: () => [] });
        const analysis = analyzeSource('/project/src/file.ts', text, index, []);
        assert.deepEqual([...analysis.facts, ...analysis.foreignFacts], []);
      });
    }
  }
});

describe('import specifiers without parsing', () => {
  const source = [
    "import OpenAI from 'openai';",
    'import { a,',
    "  b } from \"./lib/b.js\";",
    "import './side-effect';",
    "const c = require('../c');",
    "const d = await import('@/d');",
    "const notAnImport = reimport('./x') + transform('./y');",
    "import { client } from './modèles/clé-ia';",
  ].join('\n');
  const expected = ['./lib/b.js', 'openai', '../c', './side-effect', '@/d', './modèles/clé-ia'].sort();

  // Bytes are decoded as UTF-8 (a scan reads bytes): a latin1 window would give './modÃ¨les/…', which resolves to nothing.
  it('finds every form, as text and as bytes', () => {
    assert.deepEqual(importSpecifiers(source).sort(), expected);
    assert.deepEqual(importSpecifiers(Buffer.from(source)).sort(), expected);
  });
});
