/**
 * Hand labels of the public-repository corpus: facts only (repository, commit, path, line, rule, whether
 * a finding is expected), never the repositories' code. One JSON file per repository in `eval/labels/`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Label {
  /** Path inside the repository, with `/`. */
  path: string;
  /** 1-based line of the finding's start. */
  line: number;
  rule: string;
  /** true: aidlint must report this; false: a look-alike it must not report. */
  expected: boolean;
  /** Why, in our words (the pattern class), when it helps a reader. */
  note?: string;
}

export interface LabelSet {
  /** `owner/name` on GitHub. */
  repo: string;
  commit: string;
  /** `ai`: labelled findings; `no-ai`: must give exit 0 and no finding anywhere. */
  kind: 'ai' | 'no-ai';
  /** Path prefixes labelled completely: every finding under them is either labelled or a false positive. */
  scope: string[];
  labels: Label[];
}

/** The checkout folder of a repository under the corpus folder: `owner+name`. */
export const checkoutName = (repo: string): string => repo.replace('/', '+');

export const LABELS_DIR = path.join(__dirname, '..', '..', 'eval', 'labels');

export function loadLabelSets(dir = LABELS_DIR): LabelSet[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as LabelSet);
}

export const labelKey = (label: Pick<Label, 'path' | 'line' | 'rule'>): string => `${label.path}:${label.line}:${label.rule}`;

export function inScope(set: LabelSet, file: string): boolean {
  return set.scope.some((prefix) => prefix === '' || file === prefix || file.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
}
