/**
 * Files nested deeper than the default stack allows (50,000 nested parentheses, generated code) are
 * analysed on a worker thread whose stack is large enough, instead of failing or crashing.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintMessage, ResolvedConfig } from './types';

export interface DeepStackRequest {
  filePath: string;
  text: string;
  config: ResolvedConfig;
}

const STACK_SIZE_MB = 512;
export const DEEP_STACK_WORKER = path.join(__dirname, 'deep-stack-worker.js');

export function lintOnLargeStack(request: DeepStackRequest): Promise<LintMessage[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(DEEP_STACK_WORKER, { workerData: request, resourceLimits: { stackSizeMb: STACK_SIZE_MB } });
    worker.once('message', (messages: LintMessage[]) => resolve(messages));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`analysis worker stopped with exit code ${code}`));
    });
  });
}
