import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import schema from '../../rules/config/aidlint.schema.json';
import { EDITOR_SCHEMA_KEYWORDS } from '../../rules/config/load';
import { rules, ruleIds } from '../../rules/definitions/index';
import { ruleDocsUrl } from '../../rules/engine/rule';
import { VENDOR_IDS } from '../../rules/vendors/table';

interface SchemaNode {
  description?: string;
  default?: unknown;
  markdownDescription?: string;
  properties?: Record<string, SchemaNode>;
  definitions?: Record<string, SchemaNode>;
}

const root = schema as SchemaNode;
const ruleEntries = schema.properties.rules.properties as Record<string, SchemaNode>;

/** Strict ajv, as load.ts uses it: a keyword it does not know would be a typo in the schema. */
function strictAjv(): Ajv {
  const ajv = new Ajv({ strictTuples: false, keywords: [...EDITOR_SCHEMA_KEYWORDS] });
  ajv.addSchema(schema, 'aidlint');
  return ajv;
}

function validatorAt(pointer: string) {
  const validate = strictAjv().getSchema(`aidlint#${pointer}`);
  assert.ok(validate, `no schema at ${pointer}`);
  return validate;
}

describe('config/aidlint.schema.json', () => {
  it('is a valid draft-07 schema that strict ajv compiles', () => {
    const ajv = strictAjv();
    assert.equal(ajv.validateSchema(schema), true, ajv.errorsText());
    assert.equal(typeof ajv.getSchema('aidlint'), 'function');
  });

  it('has an entry and an options definition for exactly the registered rules', () => {
    assert.deepEqual(Object.keys(ruleEntries).sort(), [...ruleIds].sort());
    for (const id of ruleIds) assert.ok(schema.definitions[id], `definitions.${id} is missing`);
  });

  for (const id of ruleIds) {
    it(`describes ${id} as its definition does, with its recommended default and doc link`, () => {
      const { meta } = rules[id];
      const entry = ruleEntries[id];
      assert.ok(entry.description?.startsWith(meta.docs.description), entry.description);
      assert.equal(entry.default, meta.presets.recommended);
      assert.ok(entry.markdownDescription?.includes(ruleDocsUrl(id)));
    });

    it(`accepts ${id}'s default options, with and without "allow", and rejects unknown options`, () => {
      const validate = validatorAt(`/definitions/${id}`);
      const { defaultOptions } = rules[id].meta;
      assert.equal(validate(defaultOptions), true);
      assert.equal(validate({ ...defaultOptions, allow: ['scripts/**'] }), true);
      assert.equal(validate({ ...defaultOptions, notAnOption: true }), false);
      const optionSchemas = (schema.definitions[id] as SchemaNode).properties ?? {};
      for (const [name, value] of Object.entries(defaultOptions)) assert.deepEqual(optionSchemas[name]?.default, value, name);
    });
  }

  it('knows exactly the vendors of the vendor table', () => {
    assert.deepEqual(Object.keys(schema.properties.vendors.properties).sort(), [...VENDOR_IDS].sort());
  });

  it('gives every top-level setting a default that the schema accepts', () => {
    const validate = validatorAt('');
    for (const [key, property] of Object.entries(root.properties ?? {})) {
      if (key === '$schema') continue;
      assert.notEqual(property.default, undefined, `${key} has no default`);
      assert.equal(validate({ [key]: property.default }), true, `${key}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('describes every property, so hover in the editor always has something to say', () => {
    const undescribed: string[] = [];
    const visit = (node: SchemaNode, where: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const described = child.description ?? (child as { $ref?: string }).$ref;
        if (!described) undescribed.push(`${where}.${key}`);
        visit(child, `${where}.${key}`);
      }
    };
    visit(root, '');
    for (const [name, definition] of Object.entries(root.definitions ?? {})) visit(definition, `#${name}`);
    assert.deepEqual(undescribed, []);
  });
});
