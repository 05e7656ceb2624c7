/**
 * Table-driven rule tests in the style of ESLint's RuleTester: each case is a small project (the file
 * under test plus any other files it imports), linted by the real engine with only the rule under test
 * switched on. Expected ranges are written inline: `new «OpenAI»()` marks exactly what must be reported.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ConfigResolver } from '../rules/config/resolve';
import { ruleIds } from '../rules/definitions';
import { lintTextSync } from '../rules/engine/lint-file';
import type { LintMessage, RuleId, SeveritySetting } from '../rules/engine/types';
import { WorkspaceIndex } from '../rules/engine/workspace-index';

export const PROJECT_ROOT = path.resolve('/virtual/project');

export interface ProjectInput {
  /** The file under test; `«` and `»` mark expected ranges (removed before linting). */
  code: string;
  /** Path of the file under test, relative to the project root. */
  filename?: string;
  /** Other files of the project (relative path → text), e.g. a module exporting a client, tsconfig.json. */
  files?: Record<string, string>;
  /** aidlint.json at the project root. */
  config?: object;
  /**
   * Files (of `files`) analysed before the file under test, as a workspace scan does: a file defining a
   * constant learns of its uses in them.
   */
  analyseFirst?: string[];
}

export interface ExpectedProblem {
  /** Substring or pattern the message must match. */
  message?: string | RegExp;
  ruleId?: RuleId | null;
}

export interface RuleTestCases {
  valid: Array<string | ProjectInput>;
  /** Every «marked» range must be reported, in order, and nothing else. */
  invalid: Array<ProjectInput & { errors?: ExpectedProblem[] }>;
}

/** Lints a virtual project; `rules` switches rules on or off (the others keep the config's severity). */
export function lintProject(input: ProjectInput, rules?: Partial<Record<RuleId, SeveritySetting>>): { messages: LintMessage[]; text: string } {
  const { text } = stripMarkers(input.code);
  const filePath = path.join(PROJECT_ROOT, input.filename ?? 'src/app/file.ts');
  const files = new Map<string, string>(Object.entries(input.files ?? {}).map(([name, content]) => [path.join(PROJECT_ROOT, name), content]));
  files.set(filePath, text);
  if (input.config) files.set(path.join(PROJECT_ROOT, 'aidlint.json'), JSON.stringify(input.config));
  const configs = new ConfigResolver({ workspaceRoot: PROJECT_ROOT, readFile: (file) => files.get(file), ruleOverrides: rules });
  assert.deepEqual(configs.problems(), [], 'test config must be valid');
  const index = new WorkspaceIndex({
    readFile: (file) => files.get(file),
    fileExists: (file) => files.has(file),
    configuredHosts: (file) => configs.configFor(file).endpoints,
  });
  for (const other of input.analyseFirst ?? []) index.analysis(path.join(PROJECT_ROOT, other));
  const messages = lintTextSync({ filePath, text, config: configs.configFor(filePath), index });
  return { messages, text };
}

/** Only `ruleId` on, every other rule off. */
export function onlyRule(ruleId: RuleId, severity: SeveritySetting = 'warning'): Partial<Record<RuleId, SeveritySetting>> {
  return Object.fromEntries(ruleIds.map((id) => [id, id === ruleId ? severity : 'off']));
}

export function runRuleTests(ruleId: RuleId, cases: RuleTestCases): void {
  describe(`${ruleId} (rule tester)`, () => {
    describe('valid', () => {
      for (const testCase of cases.valid) {
        const input = typeof testCase === 'string' ? { code: testCase } : testCase;
        it(caseTitle(input.code), () => {
          const { messages } = lintProject(input, onlyRule(ruleId));
          const reported = messages.filter((message) => message.ruleId === ruleId);
          assert.deepEqual(reported.map(describeMessage), [], 'expected no problems');
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        it(caseTitle(testCase.code), () => {
          const { ranges } = stripMarkers(testCase.code);
          assert.ok(ranges.length > 0, 'an invalid case must mark at least one «range»');
          const { messages, text } = lintProject(testCase, onlyRule(ruleId));
          const reported = messages.filter((message) => message.ruleId === ruleId);
          assert.deepEqual(
            reported.map((message) => text.slice(message.offset.start, message.offset.end)),
            ranges.map((range) => text.slice(range.start, range.end)),
            'reported ranges (as text)',
          );
          assert.deepEqual(
            reported.map((message) => [message.offset.start, message.offset.end]),
            ranges.map((range) => [range.start, range.end]),
            'reported ranges (as offsets)',
          );
          testCase.errors?.forEach((expected, position) => {
            const message = reported[position].message;
            if (expected.message instanceof RegExp) assert.match(message, expected.message);
            else if (expected.message !== undefined) assert.ok(message.includes(expected.message), `"${message}" should contain "${expected.message}"`);
          });
          for (const message of reported) assert.equal(message.severity, 'warning');
        });
      }
    });
  });
}

/** Removes `«…»` markers and returns the text with the marked ranges (offsets in the cleaned text). */
export function stripMarkers(code: string): { text: string; ranges: Array<{ start: number; end: number }> } {
  let text = '';
  const ranges: Array<{ start: number; end: number }> = [];
  const open: number[] = [];
  for (const char of code) {
    if (char === '«') open.push(text.length);
    else if (char === '»') ranges.push({ start: open.pop()!, end: text.length });
    else text += char;
  }
  assert.equal(open.length, 0, 'unbalanced « » markers');
  return { text, ranges: ranges.sort((a, b) => a.start - b.start || a.end - b.end) };
}

export function describeMessage(message: LintMessage): string {
  return `${message.range.start.line + 1}:${message.range.start.character + 1} ${message.ruleId ?? message.notice} ${message.message}`;
}

/** The line that matters: the first with a «marker», else the last line of the case. */
function caseTitle(code: string): string {
  const lines = code.split('\n').filter((line) => line.trim());
  const line = lines.find((candidate) => candidate.includes('«')) ?? lines[lines.length - 1] ?? '';
  return line.trim().replace(/[«»]/g, '').slice(0, 100);
}
