/** Worker entry for deep-stack.ts: lints one file with a fresh, disk-backed index and posts the messages. */
import { parentPort, workerData } from 'node:worker_threads';
import type { DeepStackRequest } from './deep-stack';
import { diskIndexHost } from './disk-host';
import { lintTextSync } from './lint-file';
import { WorkspaceIndex } from './workspace-index';

const request = workerData as DeepStackRequest;
const index = new WorkspaceIndex(diskIndexHost(() => request.config));
parentPort!.postMessage(lintTextSync({ ...request, index }));
