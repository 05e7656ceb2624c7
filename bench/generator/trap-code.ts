/**
 * Code that looks vendor-related to a text search but is not coupled to a vendor SDK; a precise tool
 * reports none of it.
 */
import type { FileBuilder } from './builder';
import { pascal } from './names';

/** Look-alikes: a local class named like the SDK, a method named like its calls, a mocked module. */
export const TRAP_STYLES = ['local-openai-class', 'local-get-embeddings', 'comment-mention', 'mocked-sdk'] as const;
/**
 * Mentions: real code names a vendor far more often than it uses one (an environment variable in a help
 * text, another vendor's `apiVersion`, a UI kit's `sk-` class names). Each passes aidlint's pre-filter,
 * so the file is parsed, and reports nothing: on langchainjs 61 of the 464 files aidlint parses are such.
 */
export const MENTION_STYLES = ['env-name-in-text', 'other-vendor-api-version', 'sk-prefixed-names'] as const;
/** Inserted into some large generated files (`layout.ts`), which real repositories also have. */
export const GENERATED_MENTION = 'generated-vendor-names';
export type TrapStyle = (typeof TRAP_STYLES)[number] | (typeof MENTION_STYLES)[number] | typeof GENERATED_MENTION;

/** Only test files mock modules; the other traps fit any TypeScript module. */
export const trapNeedsTestFile = (style: TrapStyle): boolean => style === 'mocked-sdk';

const WRITERS: Record<TrapStyle, (b: FileBuilder) => string[]> = {
  'local-openai-class': (b) => {
    const noun = b.names.noun();
    const client = b.declare('demoClient');
    return [
      '/** Offline stand-in for demos: it has the shape of an LLM client but no SDK behind it. */',
      'class OpenAI {',
      '  readonly chat = {',
      '    completions: {',
      '      create: async (request: { model: string; prompt: string }) => ({ model: request.model, text: request.prompt.toUpperCase() }),',
      '    },',
      '  };',
      '}',
      '',
      `const ${client} = new OpenAI();`,
      '',
      `export async function ${b.declare(`demo${pascal(noun)}Answer`)}(prompt: string) {`,
      `  return ${client}.chat.completions.create({ model: 'gpt-4o', prompt });`,
      '}',
    ];
  },

  'local-get-embeddings': (b) => {
    const noun = b.names.noun();
    const store = b.declare(`${pascal(noun)}VectorStore`);
    return [
      `export class ${store} {`,
      '  private readonly vectors = new Map<string, number[]>();',
      '',
      '  put(id: string, vector: number[]): void {',
      '    this.vectors.set(id, vector);',
      '  }',
      '',
      '  async getEmbeddings(ids: readonly string[]): Promise<number[][]> {',
      '    return ids.map((id) => this.vectors.get(id) ?? []);',
      '  }',
      '}',
      '',
      `export async function ${b.declare(`closest${pascal(noun)}`)}(store: ${store}, query: number[], ids: string[]): Promise<string | undefined> {`,
      '  const embeddings = await store.getEmbeddings(ids);',
      '  let best: { id: string; score: number } | undefined;',
      '  embeddings.forEach((vector, index) => {',
      '    const score = vector.reduce((sum, value, position) => sum + value * (query[position] ?? 0), 0);',
      '    if (!best || score > best.score) best = { id: ids[index], score };',
      '  });',
      '  return best?.id;',
      '}',
    ];
  },

  'comment-mention': (b) => [
    `// The ${b.names.noun()} prompts were first tuned against openai models; the gateway now picks the provider.`,
    `/* Migration note: OPENAI-specific retry logic was removed in favour of the shared ${b.names.noun()} queue. */`,
    `export const ${b.declare(`${b.names.noun()}PromptVersion`)} = ${b.random.int(1, 9)};`,
  ],

  'env-name-in-text': (b) => [
    `export const ${b.declare(`${b.names.noun()}SetupHint`)} = [`,
    "  'The evaluations call hosted models: set OPENAI_API_KEY (or AZURE_OPENAI_API_KEY for the Azure resource) in .env.local.',",
    `  'Without them the ${b.names.noun()} suite replays recorded answers.',`,
    "].join('\\n');",
  ],

  'other-vendor-api-version': (b) => [
    `/** Vertex AI settings of the ${b.names.noun()} classifier (another team's project). */`,
    `export const ${b.declare(`${b.names.noun()}VertexSettings`)} = { apiVersion: 'v1beta1', location: '${b.random.pick(['us-central1', 'europe-west4', 'asia-northeast1'])}', publisher: 'google' };`,
  ],

  'sk-prefixed-names': (b) => [
    `/** Class names of the skeleton UI kit, prefixed \`sk-\` like all of its components. */`,
    `export const ${b.declare(`${b.names.noun()}SkeletonClasses`)} = ['sk-card', 'sk-card-header-placeholder', 'sk-button-primary-large'];`,
  ],

  [GENERATED_MENTION]: (b) => [
    `export const ${b.declare('ProviderName')} = { OPENAI_COMPATIBLE: 'openai-compatible', ANTHROPIC: 'anthropic', VERTEX: 'vertex' } as const;`,
  ],

  'mocked-sdk': (b) => {
    const vi = b.useNamed('vitest', 'vi');
    return [
      '// The module under test talks to the SDK; the suite replaces it with a stub.',
      `${vi}.mock('openai', () => ({`,
      `  default: ${vi}.fn(() => ({ chat: { completions: { create: ${vi}.fn(async () => ({ choices: [] })) } } })),`,
      '}));',
    ];
  },
};

export function trapBlock(style: TrapStyle, b: FileBuilder): string[] {
  return WRITERS[style](b);
}
