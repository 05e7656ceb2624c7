#!/usr/bin/env node
// The GitHub Action's work (action.yml runs it): lint with the aidlint CLI, print the report in the chosen
// format, write SARIF for code scanning and a job summary (counts by rule, the files with the most findings).
//
// It runs anywhere, e.g. `INPUT_PATHS=examples/chat-app node scripts/github-action.mjs`: what only GitHub
// provides is skipped with a message (the summary is printed instead; the SARIF upload is a step of
// action.yml). Plain Node, no dependencies: the action runs it from its checkout, which has no node_modules.
//
// Inputs, as environment variables (a composite action passes them explicitly):
//   INPUT_PATHS         files and folders to lint, separated by spaces or lines (default: .)
//   INPUT_FORMAT        the report format printed to the log (default: stylish)
//   INPUT_MAX_WARNINGS  fail when there are more warnings than this (default: no limit)
//   INPUT_VERSION       the aidlint to install (an npm spec) when the project has none installed
//                       (default: the version of this repository, so an action ref runs its own release)
//   INPUT_SARIF_FILE    where the SARIF goes (default, and always in the action: aidlint.sarif in $RUNNER_TEMP,
//                       or in the system temp folder)
// On GitHub (GITHUB_OUTPUT set), the step outputs `sarif-file` and `exit-code`, and exits 0 so that the
// upload runs; action.yml's last step fails with that exit code. Elsewhere, it exits with it.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORST_FILES = 10;

const cwd = process.cwd();
const input = (name) => process.env[`INPUT_${name}`]?.trim() ?? '';
const paths = input('PATHS').split(/\s+/).filter(Boolean);
const format = input('FORMAT') || 'stylish';
const maxWarnings = input('MAX_WARNINGS');
const sarifFile = path.resolve(input('SARIF_FILE') || path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'aidlint.sarif'));

const cli = installedCli() ?? installCli(input('VERSION') || `aidlint@${readJson(path.join(REPOSITORY, 'package.json')).version}`);
const lintArgs = paths.length > 0 ? paths : ['.'];
// Two runs at once: the report for people in the log, SARIF for code scanning (the CLI writes one format).
fs.rmSync(sarifFile, { force: true });
const [logRun, sarifRun] = await Promise.all([
  run(cli, [...lintArgs, '--format', format, ...(maxWarnings ? ['--max-warnings', maxWarnings] : [])], 'inherit'),
  run(cli, [...lintArgs, '--format', 'sarif', '--output-file', sarifFile], 'pipe'),
]);
const sarif = fs.existsSync(sarifFile) ? readJson(sarifFile) : undefined;
if (!sarif) process.stderr.write(`aidlint: no SARIF was written (exit code ${sarifRun.code}).\n${sarifRun.stderr}`);

writeSummary(sarif ? summaryOf(sarif, logRun.code) : `## aidlint\n\naidlint could not lint (exit code ${logRun.code}); see the log.\n`);
if (process.env.GITHUB_OUTPUT) {
  fs.appendFileSync(process.env.GITHUB_OUTPUT, `sarif-file=${sarif ? sarifFile : ''}\nexit-code=${logRun.code}\n`);
} else {
  console.log('GITHUB_OUTPUT is not set (not on GitHub Actions): no step outputs, and the SARIF upload to code scanning is skipped.');
  if (sarif) console.log(`SARIF: ${sarifFile}`);
  process.exitCode = logRun.code;
}

/** The CLI of the aidlint the project installed (node_modules/aidlint, also above cwd), if any. */
function installedCli() {
  let manifestPath;
  try {
    manifestPath = createRequire(path.join(cwd, 'package.json')).resolve('aidlint/package.json');
  } catch {
    return undefined;
  }
  const manifest = readJson(manifestPath);
  console.log(`Using aidlint ${manifest.version} installed at ${path.dirname(manifestPath)}.`);
  return path.join(path.dirname(manifestPath), manifest.bin.aidlint);
}

/** Installs `spec` into a temporary folder (not the project) and returns its CLI. */
function installCli(spec) {
  const prefix = fs.mkdtempSync(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'aidlint-action-'));
  console.log(`The project has no aidlint installed: installing ${spec}.`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, spec], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (install.status !== 0) {
    console.error(`aidlint: npm install ${spec} failed (exit code ${install.status}).`);
    process.exit(2);
  }
  const packageDir = path.join(prefix, 'node_modules', 'aidlint');
  return path.join(packageDir, readJson(path.join(packageDir, 'package.json')).bin.aidlint);
}

function run(script, args, stdio) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', stdio, stdio] });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 2, stderr }));
  });
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Markdown: the totals, a table of findings by rule and level, the files with the most findings. */
function summaryOf(log, code) {
  const [sarifRun] = log.runs;
  const results = sarifRun.results ?? [];
  const helpUri = new Map((sarifRun.tool.driver.rules ?? []).map((rule) => [rule.id, rule.helpUri]));
  const byRule = countBy(results, (result) => result.ruleId);
  const byFile = countBy(results, (result) => decodeURIComponent(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '(no file)'));
  const total = countLevels(results);
  const notices = (sarifRun.invocations ?? []).flatMap((invocation) => invocation.toolExecutionNotifications ?? []).length;

  const lines = [
    '## aidlint',
    '',
    `${code === 0 ? 'Passed' : 'Failed'}: ${results.length} ${results.length === 1 ? 'finding' : 'findings'} (${levelsText(total)}) in ${byFile.size} ${byFile.size === 1 ? 'file' : 'files'}` +
      (notices > 0 ? `; ${notices} ${notices === 1 ? 'notice' : 'notices'} about files that could not be fully linted or read (see the log).` : '.'),
  ];
  if (results.length > 0) {
    lines.push('', '### By rule', '', '| Rule | Errors | Warnings | Info | Total |', '|---|--:|--:|--:|--:|');
    for (const [ruleId, ruleResults] of sortByCount(byRule)) {
      const levels = countLevels(ruleResults);
      const name = helpUri.get(ruleId) ? `[${ruleId}](${helpUri.get(ruleId)})` : ruleId;
      lines.push(`| ${name} | ${levels.error} | ${levels.warning} | ${levels.note} | ${ruleResults.length} |`);
    }
    lines.push('', `### Files with the most findings`, '', '| File | Errors | Warnings | Info | Total |', '|---|--:|--:|--:|--:|');
    for (const [file, fileResults] of sortByCount(byFile).slice(0, WORST_FILES)) {
      const levels = countLevels(fileResults);
      lines.push(`| \`${file.replaceAll('|', '\\|')}\` | ${levels.error} | ${levels.warning} | ${levels.note} | ${fileResults.length} |`);
    }
    if (byFile.size > WORST_FILES) lines.push('', `…and ${byFile.size - WORST_FILES} more files.`);
  }
  return `${lines.join('\n')}\n`;
}

function countBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

/** Most errors first, then most findings, then by name, so the order is stable. */
function sortByCount(groups) {
  return [...groups].sort(([nameA, a], [nameB, b]) => countLevels(b).error - countLevels(a).error || b.length - a.length || nameA.localeCompare(nameB));
}

function countLevels(results) {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const result of results) counts[result.level ?? 'warning']++;
  return counts;
}

function levelsText({ error, warning, note }) {
  return `${error} ${error === 1 ? 'error' : 'errors'}, ${warning} ${warning === 1 ? 'warning' : 'warnings'}, ${note} info`;
}

function writeSummary(markdown) {
  if (process.env.GITHUB_STEP_SUMMARY) {
    fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  } else {
    console.log(`GITHUB_STEP_SUMMARY is not set (not on GitHub Actions): the job summary follows.\n\n${markdown}`);
  }
}
