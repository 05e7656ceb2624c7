/**
 * Lints files on a worker thread while the main thread is still walking and reading the tree: the
 * worker loads the TypeScript parser and warms it up in parallel, so on a multi-core machine parsing
 * costs little wall time. Used for large scans only; small ones lint in-process.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ConfigResolver, ConfigResolverOptions } from '../config/resolve';
import type { LintMessage } from '../engine/types';

export const LINT_WORKER = path.join(__dirname, 'lint-worker.js');

/** Below this many files a worker's start-up costs more than it saves. */
const MIN_FILES_FOR_WORKER = 1500;
/** Files sent to the worker in one message. */
const BATCH_SIZE = 16;

export type WorkerRequest =
  | { type: 'lint'; files: Array<{ filePath: string; text: string }> }
  | { type: 'end' };
export type WorkerReply = { type: 'results'; results: Array<{ filePath: string; messages: LintMessage[] }> } | { type: 'done' };

export interface WorkerData {
  configOptions: Omit<ConfigResolverOptions, 'readFile'>;
}

export class LintPool {
  private readonly worker: Worker;
  private batch: Array<{ filePath: string; text: string }> = [];
  private readonly results = new Map<string, LintMessage[]>();
  private readonly finished: Promise<Map<string, LintMessage[]>>;

  /** A pool for this scan, or undefined when linting in-process is the better choice. */
  static forScan(fileCount: number, configs: ConfigResolver): LintPool | undefined {
    // Editor buffers supplied through `readFile` are not visible to a worker.
    if (fileCount < MIN_FILES_FOR_WORKER || configs.options.readFile || os.availableParallelism() < 2) return undefined;
    const { readFile: _unused, ...configOptions } = configs.options;
    return new LintPool({ configOptions });
  }

  private constructor(data: WorkerData) {
    this.worker = new Worker(LINT_WORKER, { workerData: data });
    this.finished = new Promise((resolve, reject) => {
      this.worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'results') for (const result of reply.results) this.results.set(result.filePath, result.messages);
        else resolve(this.results);
      });
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`lint worker stopped with exit code ${code}`)));
    });
    // Settled by `finish`; until then a rejection must not count as unhandled.
    this.finished.catch(() => undefined);
  }

  submit(filePath: string, text: string): void {
    this.batch.push({ filePath, text });
    if (this.batch.length >= BATCH_SIZE) this.flush();
  }

  /** Messages per submitted file, once the worker has linted everything. */
  async finish(): Promise<Map<string, LintMessage[]>> {
    this.flush();
    this.worker.postMessage({ type: 'end' } satisfies WorkerRequest);
    try {
      return await this.finished;
    } finally {
      await this.worker.terminate();
    }
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.worker.postMessage({ type: 'lint', files: this.batch } satisfies WorkerRequest);
    this.batch = [];
  }
}
