/**
 * What a fix must keep of each request the fake server records: where it went and as whom, and the body
 * as the vendor reads it. Shared by the end-to-end fix tests (fixture projects, the bundled example).
 */
import type { RecordedRequest } from './fake-openai-server';

/** Host, path, API version, the credential itself, and the given identifying headers (a gateway's team, OpenAI's organization). */
export function wire(request: RecordedRequest, identifyingHeaders: readonly string[] = []): string {
  const apiVersion = request.query['api-version'];
  const headers = identifyingHeaders.filter((name) => request.headers[name] !== undefined).map((name) => `${name}=${request.headers[name]}`);
  return [request.host, `${request.path}${apiVersion ? `?api-version=${apiVersion}` : ''}`, `${request.credential}:${request.secret}`, ...headers].join(' ');
}

/**
 * The body as the vendor reads it, keys sorted. Left out as representation only: `stream: false` (the
 * default; the seam says it explicitly), `model` on an Azure deployment route (the deployment in the path
 * decides; the `openai` SDK also sends it in the body, @azure/openai does not), and an embedding request's
 * `encoding_format` (the `openai` SDK asks for base64 and decodes it to the same numbers).
 */
export function wireBody(request: RecordedRequest): Record<string, unknown> {
  const body = { ...(request.body as Record<string, unknown>) };
  if (body.stream === false) delete body.stream;
  if (request.path.startsWith('/openai/deployments/')) delete body.model;
  if (request.path.endsWith('/embeddings')) delete body.encoding_format;
  return sortKeys(body) as Record<string, unknown>;
}

/**
 * Per request (in order), the body fields that differ: `#index path: field before -> after`. Requests made
 * at once (a `Promise.all`) reach the server in any order: runs of requests to the same route are compared
 * sorted by body.
 */
export function bodyDifferences(beforeRun: readonly RecordedRequest[], afterRun: readonly RecordedRequest[]): string[] {
  const [before, after] = [beforeRun, afterRun].map(concurrentSorted);
  const differences: string[] = [];
  for (let index = 0; index < Math.max(before.length, after.length); index++) {
    const was = before[index] ? wireBody(before[index]) : {};
    const is = after[index] ? wireBody(after[index]) : {};
    for (const field of new Set([...Object.keys(was), ...Object.keys(is)])) {
      const [from, to] = [JSON.stringify(was[field]), JSON.stringify(is[field])];
      if (from !== to) differences.push(`#${index} ${(after[index] ?? before[index]).path}: ${field} ${from} -> ${to}`);
    }
  }
  return differences;
}

/** The requests, each run of consecutive requests to the same route sorted by body. */
function concurrentSorted(requests: readonly RecordedRequest[]): RecordedRequest[] {
  const route = (request: RecordedRequest) => `${request.host} ${request.path}?${request.query['api-version'] ?? ''}`;
  const runs: RecordedRequest[][] = [];
  for (const request of requests) {
    const run = runs.at(-1);
    if (run && route(run[0]) === route(request)) run.push(request);
    else runs.push([request]);
  }
  const key = (request: RecordedRequest) => JSON.stringify(wireBody(request));
  return runs.flatMap((run) => [...run].sort((a, b) => key(a).localeCompare(key(b))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}
