/**
 * Where the seam sends each model, read from its config (`config.ts` that rules/fixes/seam generates):
 * `models`, the connection of each (`modelConnections`), the provider of each connection (`connections`,
 * name → `{ provider, options }`) and the override (`connectionOverride = env('AI_PROVIDER', …)`).
 * Failover is read too: `fallbacks` (model → list of connections or providers) and `AI_FALLBACK` (one list,
 * comma-separated, for every chat model without its own). Only the defaults written in the file are known:
 * a static report cannot see the environment the program will run with.
 */
import type * as TS from 'typescript';
import { parseSource, typescript } from '../engine/parse';
import { skipOuterExpressions } from '../engine/syntax';
import { configDefault, configEntries } from '../fixes/seam';
import type { ProviderId } from './types';

export const FALLBACK_ENV_VAR = 'AI_FALLBACK';

export interface SeamModel {
  key: string;
  value?: string;
  envVar?: string;
}

export interface SeamRouting {
  defaultProvider: ProviderId;
  models: SeamModel[];
  /** Providers a call of this model (by config key; undefined when the code chooses it at run time) can reach, primary first. */
  providersOf(modelKey: string | undefined, factory: string): ProviderId[];
}

/** Routing of a seam without a readable config: every call goes to the generated seam's default. */
const DEFAULT_PROVIDER = 'openai';

export function readSeamRouting(configText: string | undefined): SeamRouting {
  if (configText === undefined) return routing(DEFAULT_PROVIDER, [], {}, {}, [], {});
  const pins = Object.fromEntries((configEntries(configText, 'modelConnections') ?? []).flatMap((entry) => (entry.value ? [[entry.key, entry.value]] : [])));
  const failover = readFailover(configText);
  const override = configDefault(configText, 'connectionOverride');
  return routing(override || DEFAULT_PROVIDER, configEntries(configText, 'models') ?? [], pins, failover.fallbacks, failover.forAllChat, failover.connections);
}

function routing(
  defaultProvider: ProviderId,
  models: SeamModel[],
  pins: Record<string, string>,
  fallbacks: Record<string, string[]>,
  forAllChat: string[],
  connections: Record<string, ProviderId>,
): SeamRouting {
  const providerOf = (connectionOrProvider: string) => connections[connectionOrProvider] ?? connectionOrProvider;
  return {
    defaultProvider: providerOf(defaultProvider),
    models,
    providersOf(modelKey, factory) {
      const primary = (modelKey !== undefined && pins[modelKey]) || defaultProvider;
      // defaultProvider may name a connection too (AI_PROVIDER's default).
      const own = modelKey !== undefined ? fallbacks[modelKey] : undefined;
      const chain = own ?? (factory === 'chatModel' ? forAllChat : []);
      return [...new Set([primary, ...chain].map(providerOf))];
    },
  };
}

interface Failover {
  fallbacks: Record<string, string[]>;
  forAllChat: string[];
  connections: Record<string, ProviderId>;
}

function readFailover(configText: string): Failover {
  const ts = typescript();
  const sourceFile = parseSource('config.ts', configText);
  const failover: Failover = { fallbacks: {}, forAllChat: [], connections: {} };
  const visit = (node: TS.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const value = skipOuterExpressions(node.initializer);
      if (node.name.text === 'fallbacks' && ts.isObjectLiteralExpression(value)) {
        for (const [key, entry] of properties(value)) failover.fallbacks[key] = stringList(entry);
      } else if (node.name.text === 'connections' && ts.isObjectLiteralExpression(value)) {
        for (const [key, entry] of properties(value)) {
          const provider = ts.isObjectLiteralExpression(entry) ? properties(entry).get('provider') : undefined;
          const name = provider && stringList(provider)[0];
          if (name) failover.connections[key] = name;
        }
      }
    }
    // `env('AI_FALLBACK', 'a,b')` or `process.env.AI_FALLBACK ?? 'a,b'`, wherever the config reads it.
    const fallbackDefault = envDefault(node, FALLBACK_ENV_VAR);
    if (fallbackDefault !== undefined) failover.forAllChat = fallbackDefault.split(',').map((name) => name.trim()).filter(Boolean);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return failover;
}

function properties(object: TS.ObjectLiteralExpression): Map<string, TS.Expression> {
  const ts = typescript();
  const entries = new Map<string, TS.Expression>();
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
      entries.set(property.name.text, skipOuterExpressions(property.initializer));
    }
  }
  return entries;
}

/** `['a', 'b']`, `'a,b'` or the default of an env read holding such a list. */
function stringList(expression: TS.Expression): string[] {
  const ts = typescript();
  if (ts.isArrayLiteralExpression(expression)) {
    return expression.elements.flatMap((element) => {
      const value = skipOuterExpressions(element);
      return ts.isStringLiteralLike(value) ? [value.text] : [];
    });
  }
  const text = ts.isStringLiteralLike(expression) ? expression.text : lastStringArgument(expression);
  return (text ?? '').split(',').map((name) => name.trim()).filter(Boolean);
}

function lastStringArgument(expression: TS.Expression): string | undefined {
  const ts = typescript();
  if (ts.isCallExpression(expression)) {
    const last = expression.arguments.at(-1);
    const value = last && skipOuterExpressions(last);
    return value && ts.isStringLiteralLike(value) ? value.text : undefined;
  }
  if (ts.isBinaryExpression(expression)) {
    const right = skipOuterExpressions(expression.right);
    return ts.isStringLiteralLike(right) ? right.text : undefined;
  }
  return undefined;
}

/** The default of a read of environment variable `name` at `node`: `env('NAME', 'x')` or `process.env.NAME ?? 'x'`. */
function envDefault(node: TS.Node, name: string): string | undefined {
  const ts = typescript();
  if (ts.isCallExpression(node) && node.arguments.length === 2) {
    const [variable, fallback] = node.arguments.map(skipOuterExpressions);
    if (ts.isStringLiteralLike(variable) && variable.text === name && ts.isStringLiteralLike(fallback)) return fallback.text;
  }
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
    const left = skipOuterExpressions(node.left);
    const right = skipOuterExpressions(node.right);
    if (ts.isPropertyAccessExpression(left) && left.name.text === name && ts.isStringLiteralLike(right)) return right.text;
  }
  return undefined;
}
