/**
 * Plans the wrap of the SDK's helpers that make their chat requests themselves through the client they are
 * given (SDK_RUNNERS: the tool runner). The helper stays as the code wrote it; its client becomes the seam's
 * (`chatClientAsOpenAI(chatModel('…'))`), whose chat completions the neutral chat model answers, so the
 * runner's events, messages and final completion are the SDK's and each of its requests goes through the seam.
 */
import type * as TS from 'typescript';
import type { VendorCallFact } from '../../engine/facts';
import { typescript } from '../../engine/parse';
import { propertyNameText } from '../../engine/strings';
import { nodeAtSpan, skipOuterExpressions } from '../../engine/syntax';
import type { Scopes } from '../../engine/scope';
import { SDK_RUNNERS, UNCARRIED_OPTIONS } from '../../vendors/wrap-table';
import { MODEL_PLACEHOLDER, type WrapPlan, deploymentModel } from './plan';
import { type FollowConstant, Refusal, modelOf, noNeutralOption, vendorOnlyOption } from './request';

/** Stands for the model's id on its own connection in the runner's request (\`models.gpt4oMini\`), known once the seam is planned. */
export const MODEL_ID_PLACEHOLDER = '\u0000model id\u0000';

/** The plan for a call of an SDK runner, its refusal, or undefined when the call is not one. */
export function planRunner(fact: VendorCallFact, sourceFile: TS.SourceFile, scopes: Scopes, follow: FollowConstant): WrapPlan | { refused: string } | undefined {
  const runner = SDK_RUNNERS.find((candidate) => candidate.clients.includes(fact.client) && candidate.method === fact.method);
  if (!runner) return undefined;
  const ts = typescript();
  const call = nodeAtSpan(sourceFile, fact.callSpan, ts.isCallExpression);
  if (!call) return { refused: 'the call could not be found in the current text' };
  try {
    const client = clientExpression(call, fact.method.split('.').length);
    const params = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
    if (!params || !ts.isObjectLiteralExpression(params)) throw new Refusal("the runner's request is not written inline, so the fix cannot see its model");
    const fields = new Map<string, TS.Expression>();
    for (const property of params.properties) {
      const name = property.name && propertyNameText(property.name);
      const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
      if (!value || name === undefined) throw new Refusal(`the runner's request uses a spread or computed key (\`${property.getText(sourceFile)}\`), so the fix cannot tell its fields`);
      const refusal = vendorOnlyOption(name) ?? (UNCARRIED_OPTIONS.refused.includes(name) ? noNeutralOption(name) : undefined);
      if (refusal) throw refusal;
      fields.set(name, value);
    }
    const modelValue = fields.get('model');
    if (!modelValue) throw new Refusal("the runner's request has no `model`");
    const model = fact.deployment === undefined ? modelOf(modelValue, scopes, follow).model : deploymentModel(fact.deployment);
    const stream = fields.get('stream');
    const streams = stream !== undefined && stream.kind !== ts.SyntaxKind.FalseKeyword;
    // The client becomes the seam's; a model written as a literal becomes the model's id in the seam's config.
    const replaced = [
      { start: client.getStart(sourceFile), end: client.getEnd(), text: `${runner.client}(${MODEL_PLACEHOLDER})` },
      ...(ts.isStringLiteralLike(modelValue) ? [{ start: modelValue.getStart(sourceFile), end: modelValue.getEnd(), text: MODEL_ID_PLACEHOLDER }] : []),
    ];
    let newText = sourceFile.text.slice(fact.callSpan.start, fact.callSpan.end);
    for (const { start, end, text } of replaced.reverse()) newText = newText.slice(0, start - fact.callSpan.start) + text + newText.slice(end - fact.callSpan.start);
    return {
      kind: 'chat',
      needs: [...runner.needs, ...(streams ? ['streaming'] : [])],
      model,
      factory: 'chatModel',
      needsMessageType: false,
      callChange: { start: fact.callSpan.start, end: fact.callSpan.end, newText },
      otherChanges: [],
      resultShape: { resultPrefix: [] },
      passesSettings: false,
      ownWireOptions: [],
      compat: [runner.client],
    };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.message };
    throw error;
  }
}

/** The client a method path (\`chat.completions.runTools\`, of \`segments\` names) is called on, inside any parentheses and casts. */
function clientExpression(call: TS.CallExpression, segments: number): TS.Expression {
  const ts = typescript();
  let node: TS.Expression = call.expression;
  for (let step = 0; step < segments; step++) {
    if (!ts.isPropertyAccessExpression(node)) throw new Refusal('the runner is reached in a way the fix cannot rewrite');
    node = node.expression;
  }
  // \`(openai as any).beta…\`: the client itself, its cast kept.
  return skipOuterExpressions(node);
}
