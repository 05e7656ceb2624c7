import { runRuleTests } from '../rule-tester';

runRuleTests('vendor-type-leak', {
  valid: [
    // Declarations that are not exported.
    "import OpenAI from 'openai';\nfunction makeClient(): OpenAI { return new OpenAI(); }",
    "import type { ChatCompletion } from 'openai/resources';\ninterface Internal { raw: ChatCompletion }\ntype Alias = ChatCompletion;",
    // Vendor types used only inside bodies.
    "import OpenAI from 'openai';\nexport function answer(question: string): string { const client: OpenAI = new OpenAI(); return question; }",
    "import OpenAI from 'openai';\nexport class Service { run(): string { const client: OpenAI = new OpenAI(); return ''; } }",
    // Private, protected and #private members are not part of the exported surface.
    "import OpenAI from 'openai';\nexport class Service {\n  private client: OpenAI;\n  protected fallback: OpenAI;\n  #spare: OpenAI;\n  private make(client: OpenAI): OpenAI { return client; }\n}",
    // Neutral types, and a local type that shares a vendor name.
    "interface ChatCompletion { text: string }\nexport function ask(): ChatCompletion { return { text: '' }; }\nexport const vendor = 'openai';",
    // The seam may expose vendor types to its own adapters.
    { code: "import OpenAI from 'openai';\nexport function makeClient(): OpenAI { return new OpenAI(); }", filename: 'src/ai/providers/openai.ts' },
  ],
  invalid: [
    {
      code: "import OpenAI from 'openai';\nexport function makeClient(): «OpenAI» { return new OpenAI(); }",
      errors: [{ message: "Exported 'makeClient' exposes the OpenAI type 'OpenAI'" }],
    },
    { code: "import OpenAI from 'openai';\nexport default function makeClient(): «OpenAI» { return new OpenAI(); }", errors: [{ message: "Exported 'default'" }] },
    // Parameter and return types, also nested in generics and arrays.
    { code: "import type { ChatCompletion } from 'openai/resources/chat/completions';\nexport async function ask(question: string): Promise<«ChatCompletion»> { return null!; }" },
    { code: "import type { ChatCompletionMessageParam } from 'openai/resources';\nexport function ask(messages: «ChatCompletionMessageParam»[]): void {}" },
    { code: "import OpenAI from 'openai';\nexport function use<T extends «OpenAI»>(client: T): T { return client; }" },
    // Exported consts: arrow and function signatures, and declared types.
    { code: "import OpenAI from 'openai';\nexport const ask = (client: «OpenAI»): string => '';", errors: [{ message: "Exported 'ask'" }] },
    { code: "import OpenAI from 'openai';\nexport const ask = async function (client: «OpenAI») {};" },
    { code: "import OpenAI from 'openai';\nexport const client: «OpenAI» = new OpenAI();" },
    // Interface and type alias members.
    { code: "import type { ChatCompletion } from 'openai/resources';\nexport interface Answer { text: string; raw: «ChatCompletion» }", errors: [{ message: "Exported 'Answer'" }] },
    { code: "import type { ChatCompletion } from 'openai/resources';\nexport type Result = { raw: «ChatCompletion» } | null;" },
    {
      code: "import type OpenAI from 'openai';\nexport type Message = «OpenAI.Chat.ChatCompletionMessageParam»;",
      errors: [{ message: "type 'OpenAI.Chat.ChatCompletionMessageParam'" }],
    },
    // Public class members, constructor parameters (parameter properties too) and heritage.
    {
      code: "import OpenAI from 'openai';\nexport class Service {\n  client: «OpenAI»;\n  constructor(client: «OpenAI») { this.client = client; }\n  make(): «OpenAI» { return this.client; }\n}",
    },
    { code: "import OpenAI from 'openai';\nexport class Service {\n  constructor(private readonly client: «OpenAI») {}\n}" },
    { code: "import OpenAI from 'openai';\nexport class Service {\n  public get client(): «OpenAI» { return null!; }\n}" },
    { code: "import OpenAI from 'openai';\nexport class Client extends «OpenAI» {}" },
    { code: "import OpenAI from 'openai';\nexport abstract class Base { abstract client(): «OpenAI»; }" },
    // `import('openai').X` type queries need no import statement.
    { code: "export function make(): «import('openai').OpenAI» { return null!; }", errors: [{ message: "type 'import('openai').OpenAI'" }] },
    // Other vendors.
    { code: "import { ChatOpenAI } from '@langchain/openai';\nexport function llm(): «ChatOpenAI» { return new ChatOpenAI(); }", errors: [{ message: 'LangChain OpenAI' }] },
    { code: "import type { ChatRequestMessage } from '@azure/openai';\nexport function toAzure(text: string): «ChatRequestMessage» { return null!; }", errors: [{ message: 'Azure OpenAI' }] },
    // A declaration exported by an export list is exported all the same.
    { code: "import OpenAI from 'openai';\nfunction makeClient(): «OpenAI» { return new OpenAI(); }\nexport { makeClient };", errors: [{ message: "Exported 'makeClient'" }] },
  ],
});
