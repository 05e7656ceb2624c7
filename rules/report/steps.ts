/**
 * The report is built in steps (a generator that yields after each file or folder it looked at), so the
 * language server can let requests in between (typing keeps its diagnostics while a large tree's report is
 * built), and the command line runs the same steps straight through.
 */
export type Steps<T> = Generator<undefined, T, undefined>;

/** Runs every step at once. */
export function allSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, awaiting `pause` after each (it returns undefined while there is no need to pause). */
export async function pausedSteps<T>(steps: Steps<T>, pause: () => Promise<void> | undefined): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const paused = pause();
    if (paused) await paused;
  }
}
