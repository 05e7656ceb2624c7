/**
 * Keeps every rule's pieces in step, as ESLint's own meta-tests do: rule file, registry, option schema,
 * documentation page and test file must all exist and agree.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import schema from '../../rules/config/aidlint.schema.json';
import { EDITOR_SCHEMA_KEYWORDS } from '../../rules/config/load';
import { ruleIds, rules } from '../../rules/definitions';
import { ruleDocsUrl } from '../../rules/engine/rule';

const ROOT = path.resolve(__dirname, '../../..');
const read = (relative: string) => fs.readFileSync(path.join(ROOT, relative), 'utf8');

describe('rule meta-test', () => {
  // The same Ajv options as rules/config/load.ts, so the schema is read the way validation reads it.
  const ajv = new Ajv({ allErrors: true, strictTuples: false, keywords: [...EDITOR_SCHEMA_KEYWORDS] });
  ajv.addSchema(schema, 'aidlint');

  it('registers exactly the rules that have a file in rules/definitions', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'rules/definitions'))
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual([...ruleIds].sort(), files);
  });

  it('lists exactly the registered rules in the config schema', () => {
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...ruleIds].sort());
  });

  it('has exactly one doc page per rule and no stray pages', () => {
    const pages = fs.readdirSync(path.join(ROOT, 'docs/rules')).filter((file) => file.endsWith('.md')).map((file) => file.replace(/\.md$/, ''));
    assert.deepEqual(pages.sort(), [...ruleIds].sort());
  });

  for (const id of ruleIds) {
    describe(id, () => {
      const rule = rules[id];

      it('has a meta block that names itself and is complete', () => {
        assert.equal(rule.meta.id, id);
        assert.ok(rule.meta.docs.description.length > 20);
        assert.ok(Object.keys(rule.meta.messages).length > 0);
        for (const [messageId, template] of Object.entries(rule.meta.messages)) assert.ok(template.trim(), `message ${messageId} is empty`);
        assert.equal(rule.meta.defaultSeverity, rule.meta.presets.recommended, 'the default is the recommended severity');
        assert.ok(ruleDocsUrl(id).endsWith(`docs/rules/${id}.md`));
      });

      it('has default options valid against its schema', () => {
        const validate = ajv.getSchema(`aidlint#/definitions/${id}`);
        assert.ok(validate, `schema definitions.${id} exists`);
        const valid = validate({ ...rule.meta.defaultOptions, allow: [] });
        assert.ok(valid, JSON.stringify(validate.errors));
        for (const option of Object.keys(rule.meta.defaultOptions)) {
          assert.ok(option in (schema.definitions as unknown as Record<string, { properties: object }>)[id].properties, `option ${option} is in the schema`);
        }
      });

      it('has a doc page with the standard sections and its real severities', () => {
        const page = read(`docs/rules/${id}.md`);
        assert.equal(page.split('\n')[0], `# ${id}`);
        for (const heading of ['## Examples', '## Options']) assert.ok(page.includes(`\n${heading}`), `${heading} in docs/rules/${id}.md`);
        for (const option of Object.keys(rule.meta.defaultOptions)) assert.ok(page.includes(`\`${option}\``), `option ${option} documented`);
        const { recommended, strict } = rule.meta.presets;
        assert.match(page, new RegExp(`recommended[^\\n]*${recommended === 'warning' ? 'warn' : recommended}`, 'i'));
        assert.match(page, new RegExp(`strict[^\\n]*${strict === 'warning' ? 'warn' : strict}`, 'i'));
      });

      it('has a table-driven test file', () => {
        const test = read(`test/rules/${id}.test.ts`);
        assert.ok(test.includes(`runRuleTests('${id}'`), `test/rules/${id}.test.ts runs the rule tester for ${id}`);
      });
    });
  }
});
