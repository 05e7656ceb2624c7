/**
 * Suppression directives end to end: comments found by the parser, applied to real findings of several
 * rules, and the notices for directives that are wrong or unused.
 */
import * as assert from 'node:assert/strict';
import type { LintMessage, RuleId, SeveritySetting } from '../../rules/engine/types';
import { lintProject, onlyRule, type ProjectInput } from '../rule-tester';

const RULES: Partial<Record<RuleId, SeveritySetting>> = {
  ...onlyRule('vendor-client'),
  'hardcoded-model': 'warning',
  'hardcoded-secret': 'error',
};

const OPENAI = "import OpenAI from 'openai';\n";
const LANGCHAIN = "import { ChatOpenAI } from '@langchain/openai';\n";
/** One line with two findings: vendor-client on `ChatOpenAI` and hardcoded-model on the model. */
const CHAT = "const llm = new ChatOpenAI({ model: 'gpt-4o' });";
// A fake key assembled at run time, so this file holds no key-shaped literal.
const KEY = `sk-proj-${'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'}AbCd`;

function lint(input: string | ProjectInput): LintMessage[] {
  return lintProject(typeof input === 'string' ? { code: input } : input, RULES).messages;
}

/** `line kind` per message, 1-based lines: what was reported where, in order. */
function summary(input: string | ProjectInput): string[] {
  return lint(input).map((message) => `${message.range.start.line + 1} ${message.ruleId ?? message.notice}`);
}

function notices(input: string | ProjectInput): LintMessage[] {
  return lint(input).filter((message) => message.ruleId === null);
}

describe('engine/directives', () => {
  describe('aidlint-disable-next-line', () => {
    it('suppresses the listed rule on the next line only (line comment)', () => {
      const code = `${OPENAI}// aidlint-disable-next-line vendor-client\nconst a = new OpenAI();\nconst b = new OpenAI();`;
      assert.deepEqual(summary(code), ['4 vendor-client']);
    });

    it('suppresses the listed rule on the next line only (block comment)', () => {
      const code = `${OPENAI}/* aidlint-disable-next-line vendor-client */\nconst a = new OpenAI();\nconst b = new OpenAI();`;
      assert.deepEqual(summary(code), ['4 vendor-client']);
    });

    it('counts the next line from the end of a multi-line block comment', () => {
      const code = `${OPENAI}/*\n  aidlint-disable-next-line vendor-client\n*/\nconst a = new OpenAI();`;
      assert.deepEqual(summary(code), []);
    });

    it('leaves the rules it does not list', () => {
      assert.deepEqual(summary(`${LANGCHAIN}// aidlint-disable-next-line hardcoded-model\n${CHAT}`), ['3 vendor-client']);
    });

    it('suppresses every rule when it lists none', () => {
      assert.deepEqual(summary(`${LANGCHAIN}// aidlint-disable-next-line\n${CHAT}`), []);
    });

    it('takes several ids, separated by commas or spaces, and a reason', () => {
      assert.deepEqual(summary(`${LANGCHAIN}// aidlint-disable-next-line vendor-client, hardcoded-model\n${CHAT}`), []);
      assert.deepEqual(summary(`${LANGCHAIN}// aidlint-disable-next-line vendor-client hardcoded-model -- migrating in #42\n${CHAT}`), []);
      assert.deepEqual(summary(`${LANGCHAIN}// aidlint-disable-next-line vendor-client -- legacy module\n${CHAT}`), ['3 hardcoded-model']);
    });

    it('works before a property inside an object literal', () => {
      const code = `${LANGCHAIN}const llm = new ChatOpenAI({\n  temperature: 0,\n  // aidlint-disable-next-line hardcoded-model\n  model: 'gpt-4o',\n});`;
      assert.deepEqual(summary(code), ['2 vendor-client']);
    });
  });

  describe('aidlint-disable-line', () => {
    it('suppresses the listed rule on its own line (trailing line comment)', () => {
      assert.deepEqual(summary(`${LANGCHAIN}${CHAT} // aidlint-disable-line vendor-client\n${CHAT}`), ['2 hardcoded-model', '3 vendor-client', '3 hardcoded-model']);
    });

    it('suppresses every rule on its own line (trailing block comment)', () => {
      assert.deepEqual(summary(`${LANGCHAIN}${CHAT} /* aidlint-disable-line */\n${CHAT}`), ['3 vendor-client', '3 hardcoded-model']);
    });

    it('works after an opening brace, before the next property', () => {
      const code = `${LANGCHAIN}const llm = new ChatOpenAI({ // aidlint-disable-line vendor-client\n  model: 'gpt-4o',\n});`;
      assert.deepEqual(summary(code), ['3 hardcoded-model']);
    });

    it('works in the gap before a closing brace', () => {
      assert.deepEqual(summary(`${LANGCHAIN}const llm = new ChatOpenAI({ model: 'gpt-4o' /* aidlint-disable-line hardcoded-model */ });`), ['2 vendor-client']);
    });

    it('works in the gap before a closing parenthesis', () => {
      assert.deepEqual(summary(`${LANGCHAIN}const llm = new ChatOpenAI({ model: 'gpt-4o' } /* aidlint-disable-line */);`), []);
    });
  });

  describe('aidlint-disable / aidlint-enable blocks', () => {
    it('suppresses the listed rule until the matching enable', () => {
      const code = `${OPENAI}/* aidlint-disable vendor-client */\nconst a = new OpenAI();\nconst b = new OpenAI();\n/* aidlint-enable vendor-client */\nconst c = new OpenAI();`;
      assert.deepEqual(summary(code), ['6 vendor-client']);
    });

    it('suppresses every rule until an enable without ids', () => {
      const code = `${LANGCHAIN}/* aidlint-disable */\n${CHAT}\n/* aidlint-enable */\n${CHAT}`;
      assert.deepEqual(summary(code), ['5 vendor-client', '5 hardcoded-model']);
    });

    it('is not ended by an enable of another rule', () => {
      const code = `${OPENAI}/* aidlint-disable vendor-client */\n/* aidlint-enable hardcoded-model */\nconst a = new OpenAI();`;
      assert.deepEqual(summary(code), []);
    });

    it('leaves the rules it does not list', () => {
      assert.deepEqual(summary(`${LANGCHAIN}/* aidlint-disable hardcoded-model */\n${CHAT}\n${CHAT}`), ['3 vendor-client', '4 vendor-client']);
    });

    it('runs to the end of the file without an enable', () => {
      assert.deepEqual(summary(`${OPENAI}const a = new OpenAI();\n/* aidlint-disable vendor-client */\nconst b = new OpenAI();\nconst c = new OpenAI();`), ['2 vendor-client']);
    });

    it('disables the whole file from the top', () => {
      const code = `/* aidlint-disable */\n${OPENAI}const client = new OpenAI();\nawait client.chat.completions.create({ model: 'gpt-4o', messages: [] });`;
      assert.deepEqual(lintProject({ code }).messages, []);
    });
  });

  describe('text that only looks like a directive', () => {
    it('is not a directive inside a string literal', () => {
      assert.deepEqual(summary(`${OPENAI}const note = '// aidlint-disable-next-line vendor-client';\nconst a = new OpenAI();`), ['3 vendor-client']);
    });

    it('is not a directive inside a template literal', () => {
      assert.deepEqual(summary(`${OPENAI}const doc = \`\n/* aidlint-disable */\n\`;\nconst a = new OpenAI();`), ['5 vendor-client']);
    });

    it('is not a directive inside a template with substitutions', () => {
      assert.deepEqual(summary(`${OPENAI}const a = new OpenAI(); const s = \`\${a} /* aidlint-disable-line */ \${a}\`;`), ['2 vendor-client']);
    });

    it('is not a directive inside a string argument', () => {
      assert.deepEqual(summary(`${LANGCHAIN}const llm = new ChatOpenAI({ model: 'gpt-4o' }, '/* aidlint-disable-line */');`), ['2 vendor-client', '2 hardcoded-model']);
    });

    it('needs the directive word to stand alone', () => {
      assert.deepEqual(summary(`${OPENAI}// aidlint-disabled-next-line vendor-client\nconst a = new OpenAI();`), ['3 vendor-client']);
    });
  });

  describe('notices', () => {
    it('reports an unused directive as info, naming the rule', () => {
      const [notice, ...others] = notices(`${OPENAI}// aidlint-disable-next-line vendor-client\nconst answer = 42;`);
      assert.deepEqual(others, []);
      assert.equal(notice.notice, 'unused-directive');
      assert.equal(notice.severity, 'info');
      assert.equal(notice.range.start.line, 1);
      assert.match(notice.message, /'vendor-client'/);
    });

    it('names only the ids that suppressed nothing', () => {
      const [notice, ...others] = notices(`${OPENAI}// aidlint-disable-next-line vendor-client, hardcoded-model\nconst a = new OpenAI();`);
      assert.deepEqual(others, []);
      assert.equal(notice.notice, 'unused-directive');
      assert.match(notice.message, /'hardcoded-model'/);
      assert.doesNotMatch(notice.message, /'vendor-client'/);
    });

    it('reports an unused directive without ids', () => {
      assert.deepEqual(summary(`${OPENAI}/* aidlint-disable */\nconst answer = 42;`), ['2 unused-directive']);
    });

    it('does not report a directive that suppressed something', () => {
      assert.deepEqual(notices(`${OPENAI}// aidlint-disable-next-line vendor-client\nconst a = new OpenAI();`), []);
    });

    it('reports an unknown rule id', () => {
      const messages = lint(`${OPENAI}// aidlint-disable-next-line no-such-rule\nconst a = new OpenAI();`);
      assert.deepEqual(messages.map((message) => `${message.range.start.line + 1} ${message.ruleId ?? message.notice}`), ['2 directive-problem', '3 vendor-client']);
      assert.match(messages[0].message, /Unknown rule 'no-such-rule'/);
    });

    it('follows reportUnusedDisableDirectives: "off" and other severities', () => {
      const code = `${OPENAI}// aidlint-disable-next-line vendor-client\nconst answer = 42;`;
      assert.deepEqual(summary({ code, config: { reportUnusedDisableDirectives: 'off' } }), []);
      assert.deepEqual(notices({ code, config: { reportUnusedDisableDirectives: 'error' } }).map((notice) => notice.severity), ['error']);
    });
  });

  describe('hardcoded-secret needs a reason', () => {
    const secretLine = `const key = '${KEY}';`;

    it('is not suppressed without a reason, and a notice says so', () => {
      const messages = lint(`// aidlint-disable-next-line hardcoded-secret\n${secretLine}`);
      assert.ok(messages.some((message) => message.ruleId === 'hardcoded-secret' && message.severity === 'error'), 'the secret is still reported');
      const problems = messages.filter((message) => message.notice === 'directive-problem');
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /hardcoded-secret/);
      assert.match(problems[0].message, /reason/);
    });

    it('does not call such a directive unused: it matched, it only lacked a reason', () => {
      const messages = lint(`// aidlint-disable-next-line hardcoded-secret\n${secretLine}`);
      assert.deepEqual(messages.filter((message) => message.notice === 'unused-directive').map((message) => message.message), []);
    });

    it('is not suppressed by a file-wide disable without a reason', () => {
      assert.deepEqual(summary(`/* aidlint-disable */\n${secretLine}`).filter((entry) => entry.endsWith('hardcoded-secret')), ['2 hardcoded-secret']);
    });

    it('is suppressed with a reason', () => {
      assert.deepEqual(summary(`// aidlint-disable-next-line hardcoded-secret -- revoked fixture key for the redaction tests\n${secretLine}`), []);
    });
  });
});
