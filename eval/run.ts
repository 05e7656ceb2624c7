/**
 * `npm run eval:corpus -- DIR [--labels DIR] [--recommended]`: runs the CLI over the corpus checkouts in
 * DIR (see eval/README.md) and prints, per repository and per rule, recall and precision against the hand
 * labels, then every miss and false positive, then the wrap fix's coverage of each repository's vendor
 * calls (offered, refused by kind, OpenAI-only). `--recommended`: the plain default config (vendor-env off
 * and not counted). `--refusals`: every refused wrap with its place and reason.
 */
import * as path from 'node:path';
import { LABELS_DIR, loadLabelSets } from './labels';
import { type RepoColumn, type RepoRun, forEachRepository, formatTable } from './repositories';
import { type RepoScore, percent, scoreRepository, uncountedRules } from './score';
import { refusalSummary, wrapCoverage } from './wrap-coverage';

async function main(argv: string[]): Promise<number> {
  const labelsAt = argv.indexOf('--labels');
  const labelsDir = labelsAt >= 0 ? argv[labelsAt + 1] : LABELS_DIR;
  const corpusDir = argv.find((arg, at) => !arg.startsWith('--') && (labelsAt < 0 || at !== labelsAt + 1));
  const showRefusals = argv.includes('--refusals');
  if (!corpusDir) {
    process.stderr.write('usage: npm run eval:corpus -- CORPUS_DIR [--labels LABELS_DIR] [--recommended]\n');
    return 2;
  }
  const recommended = argv.includes('--recommended');
  const uncounted = uncountedRules(recommended);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const scores = new Map<RepoRun, RepoScore>();
  const score = (run: RepoRun) => scores.get(run) ?? scores.set(run, scoreRepository(run, uncounted)).get(run)!;
  const columns: RepoColumn[] = [
    { header: 'kind', value: (run) => run.set.kind },
    { header: 'expected', value: (run) => String(score(run).hits.length + score(run).misses.length) },
    { header: 'found', value: (run) => String(score(run).hits.length) },
    { header: 'missed', value: (run) => String(score(run).misses.length) },
    { header: 'false+', value: (run) => String(score(run).falsePositives.length) },
    { header: 'recall', value: (run) => percent(score(run).hits.length, score(run).hits.length + score(run).misses.length) },
    { header: 'precision', value: (run) => percent(score(run).hits.length, score(run).hits.length + score(run).falsePositives.length) },
    { header: 'exit', value: (run) => String(run.exitCode) },
    { header: 'seconds', value: (run) => run.seconds.toFixed(1) },
  ];
  const runs = forEachRepository(path.resolve(corpusDir), loadLabelSets(labelsDir), columns, out, recommended);
  const all = runs.map((run) => ({ run, score: score(run) }));
  const labelled = all.filter(({ run }) => run.set.kind === 'ai');

  const rules = [...new Set(labelled.flatMap(({ score }) => [...score.hits, ...score.misses, ...score.falsePositives].map((item) => item.rule)))].sort();
  const count = (rule: string | undefined, pick: (score: RepoScore) => Array<{ rule: string }>) =>
    labelled.reduce((sum, { score }) => sum + pick(score).filter((item) => !rule || item.rule === rule).length, 0);
  const row = (rule: string | undefined) => {
    const hits = count(rule, (s) => s.hits);
    const misses = count(rule, (s) => s.misses);
    const falsePositives = count(rule, (s) => s.falsePositives);
    return [rule ?? 'overall', String(hits + misses), String(hits), String(misses), String(falsePositives), percent(hits, hits + misses), percent(hits, hits + falsePositives)];
  };
  out('');
  out(formatTable(['rule', 'expected', 'found', 'missed', 'false+', 'recall', 'precision'], [...rules.map(row), row(undefined)]));

  const noAi = all.filter(({ run }) => run.set.kind === 'no-ai');
  out('');
  for (const { run, score } of noAi) {
    out(`no AI: ${run.set.repo}: exit ${run.exitCode}, ${score.all.length} finding${score.all.length === 1 ? '' : 's'}${score.all.length || run.exitCode ? '  <-- must be exit 0, no finding' : ''}`);
  }
  for (const { run, score } of all) {
    for (const miss of score.misses) out(`miss  ${run.set.repo} ${miss.path}:${miss.line} ${miss.rule}${miss.note ? ` (${miss.note})` : ''}`);
    for (const extra of score.falsePositives) out(`false ${run.set.repo} ${extra.path}:${extra.line} ${extra.rule}: ${extra.message}`);
  }

  out('');
  const coverages = [];
  for (const { run } of labelled) {
    const coverage = await wrapCoverage(run);
    if (coverage.calls) coverages.push({ run, coverage });
  }
  const total = coverages.reduce((sum, { coverage }) => ({ calls: sum.calls + coverage.calls, offered: sum.offered + coverage.offered, vendorOnly: sum.vendorOnly + coverage.vendorOnly }), { calls: 0, offered: 0, vendorOnly: 0 });
  const rows = coverages.map(({ run, coverage }) => [run.set.repo, String(coverage.calls), String(coverage.offered), String(coverage.vendorOnly), percent(coverage.offered, coverage.calls - coverage.vendorOnly), refusalSummary(coverage)]);
  rows.push(['overall', String(total.calls), String(total.offered), String(total.vendorOnly), percent(total.offered, total.calls - total.vendorOnly), '']);
  out(formatTable(['wrap coverage', 'vendor calls', 'offered', 'OpenAI-only', 'offered of neutral', 'refused, by kind'], rows));
  if (showRefusals) for (const { run, coverage } of coverages) for (const detail of coverage.details) out(`refused ${run.set.repo} ${detail}`);
  return 0;
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
