/**
 * A scan reports a model name where it is written, also in a file that mentions no vendor, whatever the
 * order in which the files come: every file is analysed before any is linted.
 */
import * as assert from 'node:assert/strict';
import { makeTempDir, removeTempDir } from '../files/temp';
import { briefResults, scanFolder, writeFiles } from './workspace';

describe('scan: literals followed into other modules', () => {
  let root: string;
  beforeEach(() => (root = makeTempDir()));
  afterEach(() => removeTempDir(root));

  for (const [label, configName, userName] of [
    ['the constants file sorts first', 'a-config.ts', 'b-chat.ts'],
    ['the constants file sorts last', 'z-config.ts', 'b-chat.ts'],
  ]) {
    it(`reports the constant in its own file when ${label}`, async () => {
      writeFiles(root, {
        [`src/${configName}`]: "export const CHAT_DEPLOYMENT = 'chatdemo';\nexport const PORT = 3000;\n",
        [`src/${userName}`]: `import OpenAI from 'openai';\nimport { CHAT_DEPLOYMENT } from './${configName.replace('.ts', '')}';\nconst client = new OpenAI();\nexport const ask = (messages) => client.chat.completions.create({ model: CHAT_DEPLOYMENT, messages });\n`,
      });
      const results = briefResults(root, await scanFolder(root));
      assert.deepEqual(results[`src/${configName}`], ['hardcoded-model 1:32']);
      assert.deepEqual(results[`src/${userName}`], ['vendor-import 1:20', 'vendor-client 3:20', 'vendor-call 4:34']);
      const { results: full } = await scanFolder(root);
      const model = full.find((result) => result.filePath.endsWith(configName))!.messages[0];
      assert.deepEqual(model.related?.map((related) => [related.filePath.endsWith(userName), related.range.start.line]), [[true, 3]]);
    });
  }
});
