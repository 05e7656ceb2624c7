import * as assert from 'node:assert/strict';
import { importSpecifiers } from '../../rules/engine/import-specifiers';
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
  ];
  for (const [text, expected] of cases) {
    it(`${expected ? 'keeps' : 'skips'} ${JSON.stringify(text)}`, () => {
      assert.equal(mentions(text), expected, 'as text');
      assert.equal(mentions(Buffer.from(text)), expected, 'as bytes');
    });
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
  ].join('\n');
  const expected = ['./lib/b.js', 'openai', '../c', './side-effect', '@/d'].sort();

  it('finds every form, as text and as bytes', () => {
    assert.deepEqual(importSpecifiers(source).sort(), expected);
    assert.deepEqual(importSpecifiers(Buffer.from(source)).sort(), expected);
  });
});
