/**
 * Abstract values: what an expression is known to hold, as far as vendor coupling goes. Values are plain
 * data (no AST nodes), so the workspace index can hand a client exported by one file to another file.
 */
import { type ExportRole, type VendorModule, matchVendorModule } from '../vendors/table';
import type { VendorId } from './types';

export type Value =
  /** A vendor module object (`import * as oai from 'openai'`, `require('openai')`). */
  | { kind: 'vendor-module'; vendor: VendorId; module: string }
  /** A class or factory exported by a vendor module (`OpenAI`, `AzureKeyCredential`, `createOpenAI`). */
  | { kind: 'vendor-export'; vendor: VendorId; module: string; name: string; role: ExportRole['role'] }
  /** An object made by the vendor SDK, and a property path below it (`client.chat.completions`). */
  | {
      kind: 'instance';
      vendor: VendorId;
      module: string;
      className: string;
      role: 'client' | 'credential' | 'provider';
      path: string[];
      /** Workspace module the object was imported from, for messages. */
      viaModule?: string;
      /** The deployment the client was constructed with, which overrides each call's `model`. */
      deployment?: Deployment;
      /** Where the client was constructed (`new X(…)`), for fixes that must keep its configuration. */
      construction?: SourceSite;
    }
  /** A function whose calls return `returns` (`function getClient() { return new OpenAI() }`). */
  | { kind: 'function'; returns: Value }
  /** A module of the workspace (`import * as lib from './lib'`, `require('./lib')`). */
  | { kind: 'local-module'; file: string; specifier: string }
  /** A declared shape (an interface or type literal) whose members hold vendor values (`getChat(): Promise<Chat>`). */
  | { kind: 'shape'; members: Record<string, Value> }
  /** An HTTP client library or one of its members (`axios`, `axios.post`, `https.request`). */
  | { kind: 'http'; library: string; path: string[] };

export type InstanceValue = Extract<Value, { kind: 'instance' }>;

/** A place in a workspace file: the file and a range of UTF-16 offsets in it. */
export interface SourceSite {
  file: string;
  start: number;
  end: number;
}

/**
 * A client's fixed deployment: a literal, or a property of another module's export
 * (`deployment: models.reports` → file of `models`, `['models', 'reports']`).
 */
export type Deployment = string | { file: string; path: string[] };

export function vendorModuleSpec(module: string): VendorModule {
  return matchVendorModule(module)!.module;
}

/** The value of export `name` of a vendor module. */
export function vendorExportValue(vendor: VendorId, module: string, name: string): Value {
  const role = vendorModuleSpec(module).exports[name]?.role ?? 'other';
  if (role === 'provider') return { kind: 'instance', vendor, module, className: name, role: 'provider', path: [] };
  return { kind: 'vendor-export', vendor, module, name, role };
}

/** `new X(...)` of a vendor export: a client or credential instance. */
export function constructValue(callee: Value | undefined): InstanceValue | undefined {
  if (!callee) return undefined;
  if (callee.kind === 'vendor-module') {
    const defaultExport = vendorModuleSpec(callee.module).defaultExport;
    return defaultExport ? constructValue(vendorExportValue(callee.vendor, callee.module, defaultExport)) : undefined;
  }
  if (callee.kind === 'vendor-export' && callee.role === 'resource') {
    const resource = vendorModuleSpec(callee.module).exports[callee.name] as Extract<ExportRole, { role: 'resource' }>;
    return { kind: 'instance', vendor: callee.vendor, module: callee.module, className: resource.client, role: 'client', path: [...resource.path] };
  }
  if (callee.kind !== 'vendor-export' || (callee.role !== 'client' && callee.role !== 'credential')) return undefined;
  return { kind: 'instance', vendor: callee.vendor, module: callee.module, className: callee.name, role: callee.role, path: [] };
}

/** Property `name` of a value, when it can be followed. `resolveLocal` reads another workspace module's export. */
export function memberValue(
  base: Value | undefined,
  name: string,
  resolveLocal: (file: string, name: string, specifier: string) => Value | undefined,
): Value | undefined {
  if (!base) return undefined;
  switch (base.kind) {
    case 'vendor-module': {
      if (name !== 'default') return vendorExportValue(base.vendor, base.module, name);
      const defaultExport = vendorModuleSpec(base.module).defaultExport;
      return defaultExport ? vendorExportValue(base.vendor, base.module, defaultExport) : base;
    }
    case 'instance':
      return { ...base, path: [...base.path, name] };
    case 'local-module':
      return resolveLocal(base.file, name, base.specifier);
    case 'http':
      return { ...base, path: [...base.path, name] };
    case 'vendor-export': {
      // `OpenAIRealtimeWS.azure(client)`: a static factory of the class returns an instance of it.
      const role = vendorModuleSpec(base.module).exports[base.name];
      const instance = role?.role === 'client' && role.staticFactories?.includes(name) ? constructValue(base) : undefined;
      return instance && { kind: 'function', returns: instance };
    }
    case 'shape':
      return Object.prototype.hasOwnProperty.call(base.members, name) ? base.members[name] : undefined;
    default:
      return undefined;
  }
}

/** The constructor option of a client class that fixes its deployment, if any. */
export function deploymentOptionOf(instance: InstanceValue): string | undefined {
  const role = vendorModuleSpec(instance.module).exports[instance.className];
  return role?.role === 'client' ? role.deploymentOption : undefined;
}

/** Call patterns of the client class an instance came from. */
export function callPatternsOf(instance: InstanceValue): readonly string[] {
  const role = vendorModuleSpec(instance.module).exports[instance.className];
  return role?.role === 'client' ? role.callPatterns : [];
}

/** Marks values that crossed a module boundary with the specifier they came through. */
export function viaModule(value: Value | undefined, specifier: string): Value | undefined {
  if (!value) return undefined;
  if (value.kind === 'instance') return { ...value, viaModule: value.viaModule ?? specifier };
  if (value.kind === 'function') {
    const returns = viaModule(value.returns, specifier);
    return returns ? { kind: 'function', returns } : undefined;
  }
  if (value.kind === 'shape') {
    return { kind: 'shape', members: Object.fromEntries(Object.entries(value.members).map(([name, member]) => [name, viaModule(member, specifier)!])) };
  }
  return value;
}
