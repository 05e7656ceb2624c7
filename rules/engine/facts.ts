/**
 * Facts: what the extractor learned about vendor usage in one file. Rules read facts, never the AST,
 * so every rule sees the same resolution of imports, aliases and cross-file clients.
 * Offsets are UTF-16 offsets into the analysed text.
 */
import type { VendorId } from './types';
import type { Deployment, SourceSite } from './values';

export interface Span {
  start: number;
  end: number;
}

/** Where a literal reported at its definition reaches a vendor slot (shown as a related location). */
export interface LiteralUse {
  /** Absolute path of the file of the use. */
  file: string;
  /** The expression at the vendor slot that carries the literal (`model: CHAT_MODEL`). */
  span: Span;
}

export type ImportForm =
  | 'default'
  | 'named'
  | 'namespace'
  | 'import-equals'
  | 'require'
  | 'dynamic-import'
  | 're-export'
  | 'side-effect';

/** An import, require or re-export of a vendor module. Span: the module specifier string. */
export interface VendorImportFact {
  kind: 'vendor-import';
  vendor: VendorId;
  module: string;
  form: ImportForm;
  typeOnly: boolean;
  span: Span;
}

/** `new OpenAI(...)`, `createOpenAI(...)`, `openai('gpt-4o')`. Span: the constructor or factory expression. */
export interface ClientConstructionFact {
  kind: 'client-construction';
  vendor: VendorId;
  /** Exported name of the class or factory, e.g. `AzureOpenAI`, `createAzure`, `openai.chat`. */
  name: string;
  role: 'client' | 'credential' | 'provider' | 'model';
  span: Span;
  /** Span of the whole `new X(...)` / call expression (for fixes). */
  callSpan: Span;
}

/** A call of a vendor API method on a vendor client. Span: the callee, e.g. `openai.chat.completions.create`. */
export interface VendorCallFact {
  kind: 'vendor-call';
  vendor: VendorId;
  /** Client class the receiver came from (`OpenAI`, `AzureOpenAI`, `OpenAIApi`, `OpenAIClient` ...). */
  client: string;
  /** Method path below the client, e.g. `chat.completions.create` or `getChatCompletions`. */
  method: string;
  span: Span;
  callSpan: Span;
  /** Set when the client was imported from another workspace module. */
  viaModule?: string;
  /** The client's fixed deployment (AzureOpenAI `deployment`), which wins over the call's `model`. */
  deployment?: Deployment;
  /** Where the client was constructed, when the code shows it (not for a client passed in as a parameter). */
  construction?: SourceSite;
}

/** `fetch`, `axios`, `got`, `ky` or `node:https` request to a vendor endpoint. Span: the callee. */
export interface RestCallFact {
  kind: 'rest-call';
  vendor: VendorId | 'configured';
  library: string;
  host: string;
  span: Span;
  callSpan: Span;
}

/** A model or deployment name literal that reaches a vendor call, constructor or factory. Span: the literal. */
export interface ModelLiteralFact {
  kind: 'model-literal';
  vendor: VendorId;
  value: string;
  /** Where it was passed: `model`, `deployment`, `modelName`, `deployment argument`, `factory argument`. */
  slot: string;
  /** The client class or provider it was passed to (`AzureOpenAI`, `OpenAIClient` …). */
  client: string;
  span: Span;
  /** Uses of the literal when it is written away from the slot (a constant, a config module). */
  uses?: LiteralUse[];
}

/** A string literal holding a vendor endpoint URL or host. Span: the literal. */
export interface EndpointLiteralFact {
  kind: 'endpoint-literal';
  vendor: VendorId | 'configured';
  host: string;
  span: Span;
}

/** An Azure `apiVersion` / `api-version=` literal. Span: the literal. */
export interface ApiVersionLiteralFact {
  kind: 'api-version-literal';
  value: string;
  span: Span;
  uses?: LiteralUse[];
}

/** An API key literal. Span: the key characters. `redacted` is the only form of the key ever shown. */
export interface SecretLiteralFact {
  kind: 'secret-literal';
  keyKind: 'openai-key' | 'azure-key';
  redacted: string;
  span: Span;
  /** Span of the whole string literal the key is in, when it is one (for the env-var fix). */
  literalSpan?: Span;
  uses?: LiteralUse[];
}

/** An exported declaration whose signature names a vendor SDK type. Span: the type reference. */
export interface TypeLeakFact {
  kind: 'type-leak';
  vendor: VendorId;
  exportName: string;
  typeName: string;
  span: Span;
}

/** A read of a vendor environment variable. Span: the access expression or destructured name. */
export interface EnvReadFact {
  kind: 'env-read';
  vendor: VendorId;
  name: string;
  span: Span;
}

export type Fact =
  | VendorImportFact
  | ClientConstructionFact
  | VendorCallFact
  | RestCallFact
  | ModelLiteralFact
  | EndpointLiteralFact
  | ApiVersionLiteralFact
  | SecretLiteralFact
  | TypeLeakFact
  | EnvReadFact;

/** A fact about a literal written in another file (`file`), found through a use in this one. */
export interface ForeignFact {
  file: string;
  fact: ModelLiteralFact | ApiVersionLiteralFact | SecretLiteralFact;
}

export type FactKind = Fact['kind'];
export type FactOfKind<K extends FactKind> = Extract<Fact, { kind: K }>;
