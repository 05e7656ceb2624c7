import * as assert from 'node:assert/strict';
import { formatConfigProblem, normalizeSeverity, parseConfigText, type SeverityInput } from '../../rules/config/load';
import type { SeveritySetting } from '../../rules/engine/types';
import { rangeOf } from './helpers';
import { seededRandom } from '../support/seeded-random';

const FILE = '/repo/aidlint.json';

function only(text: string) {
  const { config, problems } = parseConfigText(FILE, text);
  assert.equal(config, undefined, 'a config with problems must not be returned');
  assert.equal(problems.length, 1, problems.map(formatConfigProblem).join('\n'));
  return problems[0];
}

describe('config/load: parseConfigText', () => {
  it('accepts comments, trailing commas and every documented key', () => {
    const text = `// aidlint
{
  "$schema": "./aidlint.schema.json",
  "root": true,
  "extends": ["recommended", "../base.json"], /* then this file */
  "seam": ["src/ai/**"],
  "include": ["**/*.ts"],
  "exclude": ["**/dist/**"],
  "rules": {
    "vendor-import": ["warn", { "allowTypeImports": true, "allow": ["scripts/**"] }],
    "hardcoded-model": [2, { "ignore": ["text-embedding-3-small"] }],
    "vendor-env": 0,
    "vendor-call": ["error"],
  },
  "vendors": { "langchain-openai": false },
  "endpoints": ["llm-gateway.internal.example"],
  "fix": { "seamDir": "src/ai" },
  "reportUnusedDisableDirectives": "off",
  "maxFileSizeKB": 512,
}`;
    const { config, problems } = parseConfigText(FILE, text);
    assert.deepEqual(problems, []);
    // jsonc-parser builds objects without a prototype; compare the plain data.
    const plain = JSON.parse(JSON.stringify(config));
    assert.deepEqual(plain.extends, ['recommended', '../base.json']);
    assert.deepEqual(plain.rules['hardcoded-model'], [2, { ignore: ['text-embedding-3-small'] }]);
    assert.equal(plain.maxFileSizeKB, 512);
  });

  // Each case: the text, what the problem underlines, and the exact `file:line:column: message`.
  const cases: Array<{ name: string; text: string; underlined: string; nth?: number; printed: string }> = [
    {
      name: 'missing comma',
      text: '{\n  "extends": "recommended"\n  "seam": ["src/ai/**"]\n}',
      underlined: '"seam"',
      printed: `${FILE}:3:3: Expected comma.`,
    },
    {
      name: 'unknown rule (the key is underlined, with a suggestion)',
      text: '{\n  "rules": {\n    "vendor-cal": "warn"\n  }\n}',
      underlined: '"vendor-cal"',
      printed: `${FILE}:3:5: Unknown rule "vendor-cal" in "rules" (did you mean "vendor-call"?).`,
    },
    {
      name: 'unknown top-level key after a comment',
      text: '{\n  // the seam\n  "sem": ["src/ai/**"]\n}',
      underlined: '"sem"',
      printed: `${FILE}:3:3: Unknown property "sem" (did you mean "seam"?).`,
    },
    {
      name: 'unknown vendor lists the known ones',
      text: '{ "vendors": { "anthropic": false } }',
      underlined: '"anthropic"',
      printed: `${FILE}:1:16: Unknown vendor "anthropic" in "vendors"; expected "openai", "azure-openai", "langchain-openai" or "ai-sdk-openai".`,
    },
    {
      name: 'unknown rule option',
      text: '{ "rules": { "vendor-call": ["warn", { "alow": ["scripts/**"] }] } }',
      underlined: '"alow"',
      printed: `${FILE}:1:40: Unknown option "alow" for rule "vendor-call" (did you mean "allow"?).`,
    },
    {
      name: 'wrong type: string where an array is expected',
      text: '{\n  "seam": "src/ai/**"\n}',
      underlined: '"src/ai/**"',
      printed: `${FILE}:2:11: Invalid value for "seam": got "src/ai/**". Expected an array of globs, such as ["src/ai/**"].`,
    },
    {
      name: 'wrong type: options that are not an object',
      text: '{ "rules": { "vendor-import": ["error", true] } }',
      underlined: 'true',
      printed: `${FILE}:1:41: Invalid value for "rules.vendor-import[1]": got true. Expected an object.`,
    },
    {
      name: 'wrong type of a rule-specific option',
      text: '{ "rules": { "vendor-import": ["error", { "allowTypeImports": "yes" }] } }',
      underlined: '"yes"',
      printed: `${FILE}:1:63: Invalid value for "rules.vendor-import[1].allowTypeImports": got "yes". Expected true or false.`,
    },
    {
      name: 'misspelt severity',
      text: '{ "rules": { "hardcoded-model": "eror" } }',
      underlined: '"eror"',
      printed: `${FILE}:1:33: Invalid value for "rules.hardcoded-model": got "eror". Expected a severity ("error", "warn", "info", "off", 2, 1, 0) or [severity, options]. Did you mean "error"?`,
    },
    {
      name: 'misspelt severity inside [severity, options]',
      text: '{ "rules": { "hardcoded-model": ["warnn", {}] } }',
      underlined: '"warnn"',
      printed: `${FILE}:1:34: Invalid value for "rules.hardcoded-model[0]": got "warnn". Expected a severity: "error", "warn", "info", "off", 2, 1 or 0. Did you mean "warn"?`,
    },
    {
      name: 'misspelt preset',
      text: '{ "extends": "recomended" }',
      underlined: '"recomended"',
      printed: `${FILE}:1:14: Invalid value for "extends": got "recomended". Expected "recommended", "strict", a relative path to an aidlint JSON file, or an array of those. Did you mean "recommended"?`,
    },
    {
      name: 'negated glob',
      text: '{ "exclude": ["**/dist/**", "!dist/keep.ts"] }',
      underlined: '"!dist/keep.ts"',
      printed: `${FILE}:1:29: Invalid value for "exclude[1]": got "!dist/keep.ts". Expected a non-empty glob; negated globs ("!…") are not supported, list the paths in "exclude" or "allow" instead.`,
    },
    {
      name: 'a URL where a host name is expected',
      text: '{ "endpoints": ["https://gw.example/v1"] }',
      underlined: '"https://gw.example/v1"',
      printed: `${FILE}:1:17: Invalid value for "endpoints[0]": got "https://gw.example/v1". Expected a host name such as "llm-gateway.internal.example" (no scheme, port or path).`,
    },
    {
      name: 'size below the minimum',
      text: '{ "maxFileSizeKB": 0 }',
      underlined: '0',
      printed: `${FILE}:1:20: Invalid value for "maxFileSizeKB": got 0. Expected a whole number of kilobytes, at least 1.`,
    },
    {
      name: 'duplicate key',
      text: '{\n  "seam": ["a/**"],\n  "seam": ["b/**"]\n}',
      underlined: '"seam"',
      nth: 2,
      printed: `${FILE}:3:3: Duplicate key "seam"; only its last value would be used.`,
    },
    {
      name: 'top-level array',
      text: '[{ "seam": [] }]',
      underlined: '[{ "seam": [] }]',
      printed: `${FILE}:1:1: Invalid configuration: got an array. Expected a JSON object with aidlint settings, such as { "extends": "recommended" }.`,
    },
    {
      name: 'top-level null',
      text: 'null',
      underlined: 'null',
      printed: `${FILE}:1:1: Invalid configuration: got null. Expected a JSON object with aidlint settings, such as { "extends": "recommended" }.`,
    },
  ];

  for (const { name, text, underlined, nth, printed } of cases) {
    it(`locates: ${name}`, () => {
      const problem = only(text);
      assert.equal(formatConfigProblem(problem), printed);
      assert.deepEqual(problem.range, rangeOf(text, underlined, nth));
    });
  }

  it('locates an unterminated string first, before the errors that follow from it', () => {
    const text = '{\n  "seam": ["src/ai/**]\n}\n';
    const { config, problems } = parseConfigText(FILE, text);
    assert.equal(config, undefined);
    assert.equal(formatConfigProblem(problems[0]), `${FILE}:2:12: Unterminated string.`);
    assert.deepEqual(problems[0].range, rangeOf(text, '"src/ai/**]'));
  });

  it('treats "__proto__" as an unknown key, not as a prototype', () => {
    const problem = only('{ "__proto__": { "root": true } }');
    assert.equal(problem.message, 'Unknown property "__proto__".');
  });

  it('reports the empty file at its start', () => {
    for (const text of ['', '  \n\t ']) {
      const problem = only(text);
      assert.equal(formatConfigProblem(problem), `${FILE}:1:1: The file is empty; expected a JSON object such as {}.`);
    }
  });

  it('counts columns in UTF-16 code units, after CRLF line ends and without the byte order mark', () => {
    const text = '\uFEFF{\r\n  "fix": { "seamDir": "🤖/ai" }, "sem": 1\r\n}';
    const problem = only(text);
    // "🤖" is two UTF-16 code units; the BOM is not a column.
    assert.deepEqual(problem.range.start, { line: 1, character: 33 });
    assert.equal(formatConfigProblem(problem), `${FILE}:2:34: Unknown property "sem" (did you mean "seam"?).`);
  });

  it('reports several independent problems in one file', () => {
    const text = '{ "rules": { "vendor-cal": 1, "vendor-env": "loud" }, "maxFileSizeKB": "big" }';
    const { problems } = parseConfigText(FILE, text);
    assert.deepEqual(
      problems.map((problem) => problem.range.start.character).sort((a, b) => a - b),
      [text.indexOf('"vendor-cal"'), text.indexOf('"loud"'), text.indexOf('"big"')],
    );
  });

  it('gives the range of each extends entry', () => {
    const text = '{\n  "extends": ["strict", "./base.json"]\n}';
    const { extendsRanges } = parseConfigText(FILE, text);
    assert.deepEqual(extendsRanges, [rangeOf(text, '"strict"'), rangeOf(text, '"./base.json"')]);
    const single = '{ "extends": "../base.jsonc" }';
    assert.deepEqual(parseConfigText(FILE, single).extendsRanges, [rangeOf(single, '"../base.jsonc"')]);
  });

  it('caps the syntax errors of garbage at ten and says more follow', () => {
    const missingCommas = `[${'1 '.repeat(50)}]`;
    const { problems } = parseConfigText(FILE, missingCommas);
    assert.equal(problems.length, 10);
    assert.match(problems[9].message, /more syntax errors follow/);
  });

  it('refuses absurd nesting with one problem instead of overflowing the stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const problem = only(deep);
    assert.match(problem.message, /Nested more than 64 levels/);
    assert.deepEqual(problem.range.start, { line: 0, character: 64 });
  });

  it('never throws, and returns either a config or problems within the text', () => {
    const random = seededRandom(20240601);
    const alphabet = '{}[]:,"\'/*\\\n\r\t -01eE.tfn' + 'aeiorstu' + '\u0000\u00ff\ud800\ufeff🤖';
    const inputs = [
      '{"seam": ["src/ai/**"]}',
      '{"rules": {"vendor-call": ["warn", {"allow": ["a"]}]}}',
      ...Array.from({ length: 400 }, () =>
        Array.from({ length: Math.floor(random() * 60) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
      ),
    ];
    for (const text of inputs) {
      const { config, problems } = parseConfigText(FILE, text);
      assert.equal(config === undefined, problems.length > 0, JSON.stringify(text));
      const lastLine = text.split(/\r\n|\r|\n/).length - 1;
      for (const { range } of problems) assert.ok(range.end.line <= lastLine, JSON.stringify(text));
    }
  });
});

describe('config/load: normalizeSeverity', () => {
  const table: Array<[SeverityInput, SeveritySetting]> = [
    ['error', 'error'],
    [2, 'error'],
    ['warn', 'warning'],
    ['warning', 'warning'],
    [1, 'warning'],
    ['info', 'info'],
    ['off', 'off'],
    [0, 'off'],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(normalizeSeverity(input), expected));
  }
});
