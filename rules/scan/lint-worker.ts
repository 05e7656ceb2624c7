/** Worker entry for lint-pool.ts: lints the files it is sent with its own configuration and index. */
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigResolver } from '../config/resolve';
import { diskIndexHost } from '../engine/disk-host';
import { lintFile } from '../engine/lint-file';
import { typescript } from '../engine/parse';
import { WorkspaceIndex } from '../engine/workspace-index';
import type { WorkerData, WorkerReply, WorkerRequest } from './lint-pool';

const { configOptions } = workerData as WorkerData;
const configs = new ConfigResolver(configOptions);
const index = new WorkspaceIndex(diskIndexHost((file) => configs.configFor(file)));
const port = parentPort!;
// Load the parser now, while the main thread is still reading files.
typescript();

let queue = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    if (request.type === 'end') {
      port.postMessage({ type: 'done' } satisfies WorkerReply);
      return;
    }
    const results = [];
    for (const { filePath, text } of request.files) {
      results.push({ filePath, messages: await lintFile({ filePath, text, config: configs.configFor(filePath), index }) });
    }
    port.postMessage({ type: 'results', results } satisfies WorkerReply);
  });
});
