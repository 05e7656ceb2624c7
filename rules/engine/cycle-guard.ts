/**
 * Import cycles in the workspace index. A module asked about while it is still being computed (a barrel
 * that re-exports the module importing it) answers a placeholder: no vendor export, no literal, no base
 * class. Whatever was computed from a placeholder is provisional. When the unfinished computation ends,
 * each question asked of it is checked against the real answer: if the placeholder was right (the common
 * case: most names imported from a barrel are no vendor value), what used it stands; if not, it is
 * forgotten, so the next request computes it again instead of keeping the cycle's blind spot for good.
 *
 * A result has two parts other computations use (`Part`): its vendor exports and its exported literals.
 * A placeholder about one part taints that part of what used it (and its findings, hence a forgotten
 * result is forgotten whole), not the other: a literal followed through a cycle does not make every
 * module that imports the follower's clients provisional.
 */
export type Part = 'exports' | 'literals';

interface Question {
  about: Frame;
  part: Part;
  /** Evaluated once `about` is done and stored: does the real answer differ from the placeholder? */
  differs: () => boolean;
  state: 'open' | 'right' | 'wrong';
  /** Results (cache keys) that depend on this question. */
  dependents: Set<string>;
}

/** What a result depends on, per part of it; `all` (the parts and its findings) decides whether it stands. */
interface Dependencies {
  exports: Set<Question>;
  literals: Set<Question>;
  all: Set<Question>;
}

interface Frame {
  key: string;
  deps: Dependencies;
  asked: Question[];
}

export class CycleGuard {
  private readonly stack: Frame[] = [];
  private readonly provisional = new Map<string, Dependencies>();
  /** While questions are checked, the lookups they make are no use of anything. */
  private answering = false;

  /** `forget(key)` drops a cached result. */
  constructor(private readonly forget: (key: string) => void) {}

  /** Runs the computation of `key`; `store` caches its result before the questions asked of it are checked. */
  run<T>(key: string, compute: () => T, store: (result: T) => void): T {
    const frame: Frame = { key, deps: noDependencies(), asked: [] };
    this.stack.push(frame);
    let done = false;
    try {
      const result = compute();
      store(result);
      done = true;
      return result;
    } finally {
      this.stack.pop();
      // What was computed from this frame's own placeholder, it does not wait for: it is done.
      for (const question of frame.asked) for (const set of Object.values(frame.deps)) set.delete(question);
      this.answer(frame, done);
      if (done && !this.register(key, frame.deps)) this.forget(key);
    }
  }

  /**
   * Is `key` being computed? Then the caller gets a placeholder for `part` of it, and `differs` will
   * tell, once it is done, whether the placeholder was wrong.
   */
  ask(key: string, part: Part, differs: () => boolean): boolean {
    const about = [...this.stack].reverse().find((frame) => frame.key === key);
    if (!about) return false;
    const asker = this.stack[this.stack.length - 1];
    // A module asking about itself (a self-import) gets the placeholder for good.
    if (this.answering || asker === about) return true;
    const question: Question = { about, part, differs, state: 'open', dependents: new Set() };
    about.asked.push(question);
    asker.deps[part].add(question);
    asker.deps.all.add(question);
    return true;
  }

  /** The running computation uses `part` of the result cached under `key`: it inherits what that part depends on. */
  used(key: string, part: Part): void {
    const deps = this.provisional.get(key);
    const user = this.stack[this.stack.length - 1];
    if (!deps || !user || this.answering) return;
    for (const question of deps[part]) {
      user.deps[part].add(question);
      user.deps.all.add(question);
    }
  }

  private answer(frame: Frame, done: boolean): void {
    this.answering = true;
    try {
      for (const question of frame.asked) question.state = done && !question.differs() ? 'right' : 'wrong';
    } finally {
      this.answering = false;
    }
    for (const question of frame.asked) {
      for (const dependent of question.dependents) {
        const deps = this.provisional.get(dependent);
        if (!deps?.all.has(question)) continue;
        this.provisional.delete(dependent);
        // A right placeholder stands for the real answer, which may itself wait on computations below.
        if (question.state === 'wrong' || !this.register(dependent, deps)) this.forget(dependent);
      }
    }
  }

  /** Keeps `key` as provisional on its open questions; false when one of them proved wrong. */
  private register(key: string, deps: Dependencies): boolean {
    const resolved = { exports: this.resolve(deps.exports), literals: this.resolve(deps.literals), all: this.resolve(deps.all) };
    if (!resolved.all) return false;
    if (!resolved.all.size) return true;
    this.provisional.set(key, resolved as Dependencies);
    for (const question of resolved.all) question.dependents.add(key);
    return true;
  }

  /** Replaces answered questions by what their real answer depends on; undefined if one was wrong. */
  private resolve(questions: Set<Question>): Set<Question> | undefined {
    const open = new Set<Question>();
    const pending = [...questions];
    const seen = new Set<Question>();
    while (pending.length) {
      const question = pending.pop()!;
      if (seen.has(question)) continue;
      seen.add(question);
      if (question.state === 'wrong') return undefined;
      if (question.state === 'open') open.add(question);
      else pending.push(...question.about.deps[question.part]);
    }
    return open;
  }
}

function noDependencies(): Dependencies {
  return { exports: new Set(), literals: new Set(), all: new Set() };
}
