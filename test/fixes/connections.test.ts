/**
 * Fixes never move a request (SPEC §3, "Connections"): the azure-connections fixture has six kinds of
 * client configuration that real apps have — two @azure/openai resources with differently named key
 * variables (one at the SDK's built-in API version, one through `import x = require()`), Entra ID on
 * @azure/openai and on `openai`'s AzureOpenAI (a managed identity the fake server stands in for), two
 * AzureOpenAI resources (one whose API version comes from OPENAI_API_VERSION), a gateway with default
 * headers, organization, project, timeout and retries, and a plain OpenAI client; and what multi-tenant
 * apps do: a client made per request from each user's own key, organization and Azure resource (settings
 * the wrapped call passes), one of two clients picked by the user's choice of provider, a use case handed its client by its caller, provider handlers whose client a
 * method makes on first use from the handler's options (its guard still answers a handler without a key),
 * an endpoint a static helper derives from the environment, a resource, deployment and key a settings helper
 * of another module reads by an enum key, and handlers that compare with an imported enum. Every request leaves the
 * program through test/fixtures/reroute-vendors.cjs, which records the host it was meant for.
 *
 * After `aidlint --fix` (and again after the language server's `source.fixAll.aidlint`, file by file) the
 * project type-checks, prints the same, and the fake server sees, request by request, the same host,
 * path, API version, credential (the key or token itself) and identifying headers.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cli/run-cli';
import { type RecordedRequest, useFakeOpenAI } from '../support/fake-openai-server';
import { Editor, FIX_ALL } from '../support/lsp-editor';
import { prepareFixture, removeFixture, runMain, runProgram, typecheck } from '../support/run-fixture';
import { bodyDifferences, wire as wireOf } from '../support/wire';

const REROUTE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'reroute-vendors.cjs');
/** Headers that say who is calling: a gateway bills by them, OpenAI scopes by organization and project. */
const IDENTIFYING_HEADERS = ['x-team', 'x-cost-center', 'openai-organization', 'openai-project'];
const ROUTE_FILES = ['src/routes/assistant.ts', 'src/routes/knowledge.ts', 'src/routes/per-user.ts', 'src/routes/regional.ts', 'src/routes/support.ts'];
/** Services handed the app's OpenAI service (a Fastify plugin) through a base class: wrapped, they keep the getter's call. */
const SERVICE_FILES = ['src/services/answerer.ts', 'src/services/knowledge-base.ts'];
/** Provider handlers whose clients are made by a method on first use, or from a static helper's endpoint. */
const HANDLERS = 'src/routes/handlers.ts';

/** Where a request went and as whom, with the headers that say who is calling. */
const wire = (request: RecordedRequest) => wireOf(request, IDENTIFYING_HEADERS);

interface Run {
  lines: string[];
  requests: RecordedRequest[];
}

describe('fixes keep every request where it went: connections (azure-connections fixture)', function () {
  // The first run installs the pinned SDKs into the shared cache.
  this.timeout(300_000);
  const fake = useFakeOpenAI();
  let cliDir: string;
  let serverDir: string;
  let original: Run;

  /** The program's environment: a key variable per resource, named as the code reads them; AZURE_OPENAI_API_KEY is not set. */
  const env = () => ({
    FAKE_OPENAI_URL: fake().url,
    NODE_OPTIONS: `--require ${REROUTE}`,
    AZURE_OPENAI_KEY: 'helpdesk-key',
    REPORTS_OPENAI_KEY: 'reports-key',
    EU_OPENAI_KEY: 'eu-key',
    US_OPENAI_ENDPOINT: 'https://contoso-us.openai.azure.com',
    US_OPENAI_KEY: 'us-key',
    OPENAI_API_VERSION: '2024-08-01-preview',
    OPENAI_API_KEY: 'openai-key',
    COST_CENTER: 'cc-support',
    IDENTITY_ENDPOINT: `${fake().url}/msi/token`,
    IDENTITY_HEADER: 'identity-secret',
    // Per-user Azure resources, standing in for a user table (one with a trailing slash the code strips).
    ALICE_AZURE_ENDPOINT: 'https://alice-ai.openai.azure.com/',
    BOB_AZURE_ENDPOINT: 'https://bob-ai.openai.azure.com',
    // A resource whose URL a helper of the code normalises (path and query replaced).
    RESOURCE_OPENAI_ENDPOINT: 'https://llm.contoso.example/team/?from=portal',
    RESOURCE_OPENAI_KEY: 'resource-key',
    // Read through a settings helper by an enum key.
    KNOWLEDGE_OPENAI_ENDPOINT: 'https://contoso-knowledge.openai.azure.com',
    KNOWLEDGE_DEPLOYMENT: 'knowledge-gpt-4o',
    KNOWLEDGE_OPENAI_KEY: 'knowledge-key',
    // The Fastify app's settings plugin.
    SEARCH_OPENAI_RESOURCE: 'contoso-search',
    SEARCH_CHAT_DEPLOYMENT: 'search-chat',
    SEARCH_EMBEDDING_DEPLOYMENT: 'search-embeddings',
    // What three users typed as "OpenAI-compatible" base URLs.
    COMPAT_AZURE_URL: 'https://contoso-compat.openai.azure.com/openai',
    COMPAT_PROXY_URL: 'https://llm-proxy.contoso.example/openai',
    COMPAT_LOCAL_URL: 'https://ollama.contoso.example/v1',
  });

  async function run(dir: string): Promise<Run> {
    const first = fake().requests.length;
    const lines = (await runMain(dir, env())).trimEnd().split('\n');
    return { lines, requests: fake().requests.slice(first).filter((request) => request.path !== '/msi/token') };
  }

  before(async () => {
    cliDir = await prepareFixture('azure-connections');
    serverDir = await prepareFixture('azure-connections');
  });

  after(() => {
    removeFixture(cliDir);
    removeFixture(serverDir);
  });

  it('before any fix: type-checks, and each client reaches its own resource with its own credential', async () => {
    assert.equal(await typecheck(cliDir), '');
    original = await run(cliDir);
    assert.equal(original.lines.length, 29, original.lines.join('\n'));
    assert.ok(original.lines.includes('handler.keyless: refused: The gateway handler needs a key.'), original.lines.join('\n'));
    assert.deepEqual(original.requests.map(wire), [
      'contoso-helpdesk.openai.azure.com /openai/deployments/helpdesk-gpt-4o-mini/chat/completions?api-version=2024-06-01 api-key:helpdesk-key',
      'contoso-helpdesk.openai.azure.com /openai/deployments/helpdesk-gpt-4o-mini/chat/completions?api-version=2024-06-01 api-key:helpdesk-key',
      'contoso-reports-we.openai.azure.com /openai/deployments/reports-embeddings/embeddings?api-version=2024-03-01-preview api-key:reports-key',
      'contoso-archive.openai.azure.com /openai/deployments/archive-gpt-4o/chat/completions?api-version=2024-10-21 bearer:entra-token-for-cognitiveservices.azure.com',
      'contoso-eu.openai.azure.com /openai/deployments/eu-gpt-4o/chat/completions?api-version=2024-10-21 api-key:eu-key',
      // The use case handed the EU client.
      'contoso-eu.openai.azure.com /openai/deployments/eu-gpt-4o/chat/completions?api-version=2024-10-21 api-key:eu-key',
      'contoso-us.openai.azure.com /openai/deployments/us-embeddings/embeddings?api-version=2024-08-01-preview api-key:us-key',
      'contoso-us.openai.azure.com /openai/deployments/us-batch-gpt-4o/chat/completions?api-version=2025-01-01-preview bearer:entra-token-for-cognitiveservices.azure.com',
      'llm-gateway.contoso.example /v1/chat/completions bearer:openai-key x-team=support x-cost-center=cc-support openai-organization=org-contoso openai-project=proj_support',
      'llm-gateway.contoso.example /v1/chat/completions bearer:openai-key x-team=support x-cost-center=cc-support openai-organization=org-contoso openai-project=proj_support',
      'api.openai.com /v1/chat/completions bearer:openai-key',
      // Per-user keys: every request carries its own user's key (and organization), whichever user came before.
      'api.openai.com /v1/chat/completions bearer:alice-key openai-organization=org-alice',
      'api.openai.com /v1/chat/completions bearer:bob-key',
      'api.openai.com /v1/chat/completions bearer:alice-key openai-organization=org-alice',
      'alice-ai.openai.azure.com /openai/deployments/user-gpt-4o/chat/completions?api-version=2024-10-21 bearer:alice-azure-key',
      'bob-ai.openai.azure.com /openai/deployments/user-gpt-4o-mini/chat/completions?api-version=2024-10-21 bearer:bob-azure-key',
      // The provider each user chose: one client or the other, picked per request.
      'alice-ai.openai.azure.com /openai/deployments/user-embeddings/embeddings?api-version=2024-10-21 bearer:alice-azure-key',
      'api.openai.com /v1/embeddings bearer:bob-key',
      // Handlers that make their client on first use: each with its own key, region and team header.
      'eu.gateway.contoso.example /v1/chat/completions bearer:eu-gateway-key x-team=assistants-eu',
      'gateway.contoso.example /v1/chat/completions bearer:us-gateway-key x-team=assistants',
      'eu.gateway.contoso.example /v1/chat/completions bearer:eu-gateway-key x-team=assistants-eu',
      'llm.contoso.example /v1/chat/completions bearer:resource-key',
      // Resource, deployment and key from a settings helper another module exports.
      'contoso-knowledge.openai.azure.com /openai/deployments/knowledge-gpt-4o/chat/completions?api-version=2024-10-21 api-key:knowledge-key',
      // The Fastify app: a client per deployment, the Entra ID token as its key (and again as \`api-key\`).
      'contoso-search.openai.azure.com /openai/deployments/search-embeddings/embeddings?api-version=2024-10-21 bearer:entra-token-for-cognitiveservices.azure.com',
      'contoso-search.openai.azure.com /openai/deployments/search-chat/chat/completions?api-version=2024-10-21 bearer:entra-token-for-cognitiveservices.azure.com',
      // Handlers whose client is Azure's or OpenAI's by their settings: each keeps its own.
      'contoso-compat.openai.azure.com /openai/deployments/compat-gpt-4o/chat/completions?api-version=2024-10-21 api-key:compat-azure-key',
      'llm-proxy.contoso.example /openai/deployments/compat-gpt-4o-mini/chat/completions?api-version=2025-01-01-preview api-key:compat-gateway-key',
      'ollama.contoso.example /v1/chat/completions bearer:compat-local-key',
      'contoso-compat.openai.azure.com /openai/deployments/compat-gpt-4o/chat/completions?api-version=2024-10-21 api-key:compat-azure-key',
    ]);
  });

  it('aidlint --fix wraps every call; the route files import no vendor SDK', async () => {
    const result = await runCli(['--fix', '--format', 'json'], cliDir);
    // What is left are warnings on the client modules, which nothing imports any more.
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stderr, /^aidlint: \d+ fixes in \d+ files/m);
    const left = (JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>)
      .filter((file) => ROUTE_FILES.includes(path.relative(cliDir, file.filePath)))
      .flatMap((file) => file.messages.map((message) => `${path.relative(cliDir, file.filePath)} ${message.ruleId}`));
    assert.deepEqual(left, [], 'nothing vendor-specific is left in the route files');
    const files = (JSON.parse(result.stdout) as Array<{ filePath: string; messages: unknown[] }>).filter((file) => file.messages.length).map((file) => path.relative(cliDir, file.filePath));
    // The use case keeps its client parameter (its callers still pass one), typed with the SDK's class; the
    // handlers keep the method that makes their client, whose guard still runs before each call.
    // The app's OpenAI service plugin still makes the clients its getters return.
    assert.ok(files.every((file) => file.startsWith('src/clients/') || file === 'src/use-cases/summarize.ts' || file === HANDLERS || file === 'src/plugins/openai.ts'), files.join(', '));
    const handlers = fs.readFileSync(path.join(cliDir, HANDLERS), 'utf8');
    assert.doesNotMatch(handlers, /(?:client|openai)\.chat/, 'the handlers are wrapped');
    assert.match(handlers, /^ {4}this\.ensureClient\(\);$/m);
    assert.doesNotMatch(fs.readFileSync(path.join(cliDir, 'src/use-cases/summarize.ts'), 'utf8'), /client\.chat/, 'the use case is wrapped');
    for (const file of ROUTE_FILES) assert.doesNotMatch(fs.readFileSync(path.join(cliDir, file), 'utf8'), /from '(?:openai|@azure\/openai)'/, file);
    for (const file of SERVICE_FILES) {
      const text = fs.readFileSync(path.join(cliDir, file), 'utf8');
      assert.doesNotMatch(text, /\.(?:completions|embeddings)\.create/, file);
      assert.match(text, /^ {4}await this\.openai\.get(?:Chat|Embeddings)\(\);$/m, `${file} keeps the getter's call (it refreshes the token)`);
    }
  });

  it('after the fix: type-checks, prints the same, and every request keeps its host, path, API version, credential and identifying headers', async () => {
    assert.equal(await typecheck(cliDir), '');
    const fixed = await run(cliDir);
    assert.deepEqual(fixed.lines, original.lines);
    assert.deepEqual(fixed.requests.map(wire), original.requests.map(wire));
    assert.deepEqual(bodyDifferences(original.requests, fixed.requests), []);
  });

  it('a connection that takes settings keeps one client per distinct set of values, not one per call', async () => {
    // After the previous test's build: count the clients the seam makes (each one calls optionsWith once).
    const script = path.join(cliDir, 'dist', 'count-clients.js');
    fs.writeFileSync(
      script,
      `const { connections } = require('./ai/config');
let made = 0;
for (const connection of Object.values(connections)) {
  const optionsWith = connection.optionsWith;
  if (optionsWith) connection.optionsWith = (settings) => (made++, optionsWith(settings));
}
const { askAsUser } = require('./routes/per-user');
const alice = { openaiKey: 'alice-key', organization: 'org-alice' };
const bob = { openaiKey: 'bob-key' };
(async () => {
  for (const user of [alice, bob, alice, alice, { ...bob }]) await askAsUser(user, 'hi');
  console.log(made);
})();
`,
    );
    const first = fake().requests.length;
    assert.equal((await runProgram(cliDir, [script], env())).trim(), '2');
    assert.deepEqual(
      fake().requests.slice(first).map((request) => request.secret),
      ['alice-key', 'bob-key', 'alice-key', 'alice-key', 'bob-key'],
    );
  });

  it('the seam has one connection per client configuration, key variables named as the code named them', () => {
    const config = fs.readFileSync(path.join(cliDir, 'src', 'ai', 'config.ts'), 'utf8');
    const connections = [...config.matchAll(/^ {2}(\w+): \{\n {4}provider: '([\w-]+)'/gm)].map((match) => `${match[1]} ${match[2]}`);
    assert.deepEqual(connections.sort(), [
      'azureOpenAIGetSetting azure-openai',
      'azureOpenAIOptions azure-openai',
      'contosoArchive azure-openai',
      'contosoEu azure-openai',
      'contosoHelpdesk azure-openai',
      'contosoReportsWe azure-openai',
      'euGatewayContoso openai',
      'llmGatewayContoso openai',
      'openai openai',
      'openaiOptions openai',
      'openaiProfile openai',
      'openaiProfile2 openai',
      'openaiProfile3 openai',
      'openaiProfile4 openai',
      'resource openai',
      // The Fastify app's two deployments, named by the variable each base URL ends with.
      'searchChatDeployment azure-openai',
      'searchEmbeddingDeployment azure-openai',
      'us azure-openai',
      'us2 azure-openai',
    ]);
    for (const variable of ['AZURE_OPENAI_KEY', 'REPORTS_OPENAI_KEY', 'EU_OPENAI_KEY', 'US_OPENAI_KEY']) assert.match(config, new RegExp(`process\\.env\\.${variable}\\b`));
    assert.doesNotMatch(config, /AZURE_OPENAI_API_KEY/, 'no key variable the code did not use');
  });

  it("the language server's fix-all, file by file, gives the same tree, and it sends the same requests", async () => {
    const editor = new Editor(serverDir);
    await editor.start();
    try {
      // In the CLI's order (the seam's entries are added as files are fixed).
      const files = ['src/clients/archive.ts', 'src/clients/helpdesk.ts', 'src/clients/openai.ts', 'src/clients/regions.ts', 'src/clients/reports.ts', ...[...ROUTE_FILES, HANDLERS, ...SERVICE_FILES].sort(), 'src/use-cases/summarize.ts'];
      for (const file of files) {
        const documentUri = await editor.openFile(file);
        const [action] = await editor.actions(documentUri, [], [FIX_ALL]);
        if (action?.edit) await editor.apply(action.edit);
      }
    } finally {
      await editor.client.shutdown();
    }
    for (const file of [...ROUTE_FILES, HANDLERS, ...SERVICE_FILES, 'src/use-cases/summarize.ts', 'src/ai/config.ts']) {
      assert.equal(fs.readFileSync(path.join(serverDir, file), 'utf8'), fs.readFileSync(path.join(cliDir, file), 'utf8'), file);
    }
    assert.equal(await typecheck(serverDir), '');
    const fixed = await run(serverDir);
    assert.deepEqual(fixed.lines, original.lines);
    assert.deepEqual(fixed.requests.map(wire), original.requests.map(wire));
  });
});
