/**
 * The GitHub Action: action.yml as GitHub reads it, and its script run here against the bundled example
 * with the packed package installed (see packed-package.ts), first as on a developer's machine (the parts
 * only GitHub provides are skipped with a message), then with GitHub's output and summary files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { parse } from 'yaml';
import { sarifValidator } from '../support/sarif-schema';
import { type CommandResult, runStatus } from './commands';
import { ROOT, packedPackage } from './packed-package';

const SCRIPT = path.join(ROOT, 'scripts/github-action.mjs');
const PINNED_ACTION = /^[\w-]+\/[\w-]+(\/[\w-]+)?@[0-9a-f]{40}$/;

interface ActionStep {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface ActionManifest {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

interface JsonReport {
  filePath: string;
  messages: Array<{ ruleId: string | null; level: 'error' | 'warning' | 'info' }>;
}

/** The environment of a run outside GitHub: whatever CI runs these tests must not leak its own. */
function localEnv(inputs: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(GITHUB_|RUNNER_|INPUT_)/.test(name)));
  return { ...env, ...inputs };
}

describe('the GitHub Action', function () {
  this.timeout(60_000);
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionManifest;
  const steps = action.runs.steps;
  const lintStep = steps.find((step) => step.id === 'lint')!;

  describe('action.yml', () => {
    it('is a composite action with inputs for paths, format and max-warnings', () => {
      assert.equal(action.runs.using, 'composite');
      for (const name of ['paths', 'format', 'max-warnings']) assert.ok(action.inputs[name]?.description, `input ${name}`);
      assert.equal(action.inputs.paths.default, '.');
      assert.equal(action.inputs.format.default, 'stylish');
    });

    it('pins every action it uses to a commit, and Node to an exact version', () => {
      const used = steps.flatMap((step) => (step.uses ? [step.uses] : []));
      assert.deepEqual(used.map((uses) => uses.replace(/@.*/, '')), ['actions/setup-node', 'github/codeql-action/upload-sarif']);
      for (const uses of used) assert.match(uses, PINNED_ACTION);
      assert.equal(steps[0].with?.['node-version'], '${{ inputs.node-version }}');
      assert.match(action.inputs['node-version'].default ?? '', /^\d+\.\d+\.\d+$/);
    });

    it('passes every input the script reads through the environment, never into the shell command', () => {
      const read = [...fs.readFileSync(SCRIPT, 'utf8').matchAll(/input\('([A-Z_]+)'\)/g)].map(([, name]) => `INPUT_${name}`);
      const passed = Object.keys(lintStep.env ?? {});
      // INPUT_SARIF_FILE is for local runs; on GitHub the SARIF goes to $RUNNER_TEMP.
      assert.deepEqual([...passed].sort(), read.filter((name) => name !== 'INPUT_SARIF_FILE').sort());
      for (const [name, value] of Object.entries(lintStep.env ?? {})) assert.equal(value, `\${{ inputs.${name.slice('INPUT_'.length).toLowerCase().replaceAll('_', '-')} }}`);
      assert.equal(lintStep.run, 'node "$GITHUB_ACTION_PATH/scripts/github-action.mjs"');
      assert.ok(steps.every((step) => !step.run?.includes('${{')), 'no expression is expanded inside a shell script');
    });

    it('uploads the SARIF the script wrote, then fails with the exit code the script handed over', () => {
      const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))!;
      assert.equal(upload.with?.sarif_file, '${{ steps.lint.outputs.sarif-file }}');
      assert.match(upload.if ?? '', /steps\.lint\.outputs\.sarif-file != ''/);
      const last = steps.at(-1)!;
      assert.equal(last.if, "steps.lint.outputs.exit-code != '0'");
      assert.match(last.run ?? '', /exit "\$EXIT_CODE"/);
      assert.equal(steps.indexOf(upload) < steps.indexOf(last), true);
    });
  });

  describe('its script, run locally', () => {
    let project: string;
    let sarifFile: string;
    let local: CommandResult;
    let report: JsonReport[];

    before(function () {
      this.timeout(180_000);
      ({ project } = packedPackage());
      sarifFile = path.join(packedPackage().work, 'action-local.sarif');
      local = runStatus(process.execPath, [SCRIPT], { cwd: project, env: localEnv({ INPUT_PATHS: 'chat-app', INPUT_SARIF_FILE: sarifFile }) });
      report = JSON.parse(runStatus('npx', ['aidlint', 'chat-app', '--format', 'json'], { cwd: project }).stdout) as JsonReport[];
    });

    it("uses the project's aidlint, prints its report and exits with its exit code", () => {
      const cli = runStatus('npx', ['aidlint', 'chat-app'], { cwd: project });
      assert.equal(local.status, 1);
      assert.ok(local.stdout.includes(cli.stdout), `the report is printed:\n${local.stdout}`);
      assert.match(local.stdout, new RegExp(`^Using aidlint \\d+\\.\\d+\\.\\d+ installed at ${escape(path.join(project, 'node_modules/aidlint'))}\\.$`, 'm'));
    });

    it('skips what needs GitHub with a message: the summary is printed, outputs and upload are skipped', () => {
      assert.match(local.stdout, /^GITHUB_STEP_SUMMARY is not set \(not on GitHub Actions\): the job summary follows\.$/m);
      assert.match(local.stdout, /^## aidlint$/m);
      assert.match(local.stdout, /^GITHUB_OUTPUT is not set \(not on GitHub Actions\): no step outputs, and the SARIF upload to code scanning is skipped\.$/m);
      assert.match(local.stdout, new RegExp(`^SARIF: ${escape(sarifFile)}$`, 'm'));
    });

    it('writes SARIF that the official 2.1.0 schema accepts, with every finding of the CLI', () => {
      const log = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as Sarif.Log;
      const validate = sarifValidator();
      assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
      const findings = report.flatMap((file) => file.messages.filter((message) => message.ruleId !== null));
      assert.equal(log.runs[0].results?.length, findings.length);
      assert.ok(findings.length > 0);
    });

    it('summarizes the counts by rule and the files with the most findings, as the CLI counts them', () => {
      const findings = report.flatMap((file) => file.messages.filter((message) => message.ruleId !== null).map((message) => ({ ...message, file: file.filePath })));
      const level = (name: string) => findings.filter((finding) => finding.level === name).length;
      assert.match(local.stdout, new RegExp(`^Failed: ${findings.length} findings \\(${level('error')} errors?, ${level('warning')} warnings?, ${level('info')} info\\) in ${report.filter((file) => file.messages.some((m) => m.ruleId)).length} files\\.$`, 'm'));
      for (const ruleId of new Set(findings.map((finding) => finding.ruleId))) {
        const ofRule = findings.filter((finding) => finding.ruleId === ruleId);
        const counts = ['error', 'warning', 'info'].map((name) => ofRule.filter((finding) => finding.level === name).length);
        assert.match(local.stdout, new RegExp(`^\\| \\[${ruleId}\\]\\([^)]+/${ruleId}\\.md\\) \\| ${counts.join(' \\| ')} \\| ${ofRule.length} \\|$`, 'm'));
      }
      // Most errors first, then most findings, then by path.
      const files = report
        .map((file) => ({ file: path.relative(project, file.filePath), findings: findings.filter((finding) => finding.file === file.filePath) }))
        .filter(({ findings }) => findings.length > 0)
        .map(({ file, findings }) => ({ file, errors: findings.filter((finding) => finding.level === 'error').length, total: findings.length }))
        .sort((a, b) => b.errors - a.errors || b.total - a.total || a.file.localeCompare(b.file));
      const rows = [...local.stdout.matchAll(/^\| `([^`]+)` \| (\d+) \| \d+ \| \d+ \| (\d+) \|$/gm)].map(([, file, errors, total]) => ({ file, errors: Number(errors), total: Number(total) }));
      assert.deepEqual(rows, files.slice(0, 10));
      assert.match(local.stdout, new RegExp(`…and ${files.length - 10} more files\\.`));
    });

    it('passes format and max-warnings to the CLI', () => {
      const onlyWarnings = { INPUT_PATHS: 'chat-app/src/lib/openai.ts', INPUT_SARIF_FILE: path.join(packedPackage().work, 'warnings.sarif') };
      const lenient = runStatus(process.execPath, [SCRIPT], { cwd: project, env: localEnv({ ...onlyWarnings, INPUT_FORMAT: 'json' }) });
      assert.equal(lenient.status, 0, lenient.stdout + lenient.stderr);
      assert.match(lenient.stdout, /^\[\{"filePath":/m);
      assert.match(lenient.stdout, /^Passed: 2 findings \(0 errors, 2 warnings, 0 info\) in 1 file\.$/m);
      const strict = runStatus(process.execPath, [SCRIPT], { cwd: project, env: localEnv({ ...onlyWarnings, INPUT_MAX_WARNINGS: '0' }) });
      assert.equal(strict.status, 1);
      assert.match(strict.stderr, /too many warnings \(maximum: 0\)/);
      assert.match(strict.stdout, /^Failed: 2 findings/m);
    });

    it('installs the aidlint named by `version` where the project has none', () => {
      const elsewhere = path.join(packedPackage().work, 'no-aidlint');
      fs.mkdirSync(elsewhere, { recursive: true });
      fs.copyFileSync(path.join(project, 'chat-app/src/lib/openai.ts'), path.join(elsewhere, 'openai.ts'));
      const result = runStatus(process.execPath, [SCRIPT], {
        cwd: elsewhere,
        env: localEnv({ INPUT_VERSION: packedPackage().tarball, INPUT_SARIF_FILE: path.join(elsewhere, 'out.sarif'), RUNNER_TEMP: elsewhere }),
      });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, new RegExp(`^The project has no aidlint installed: installing ${escape(packedPackage().tarball)}\\.$`, 'm'));
      assert.match(result.stdout, /openai\.ts\n.*vendor-import/);
    });
  });

  describe('its script, run as the action runs it on GitHub', () => {
    it('writes the job summary and the step outputs, and exits 0 so that the upload step runs', () => {
      const { project, work } = packedPackage();
      const outputs = path.join(work, 'github-output');
      const summary = path.join(work, 'github-step-summary');
      const result = runStatus(process.execPath, [SCRIPT], {
        cwd: project,
        env: localEnv({ INPUT_PATHS: 'chat-app', GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: work }),
      });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(fs.readFileSync(outputs, 'utf8'), `sarif-file=${path.join(work, 'aidlint.sarif')}\nexit-code=1\n`);
      assert.match(fs.readFileSync(summary, 'utf8'), /^## aidlint\n\nFailed: \d+ findings/);
      assert.doesNotMatch(result.stdout, /not on GitHub Actions/);
    });

    it('reports no SARIF file and the exit code when aidlint cannot lint (a broken aidlint.json)', () => {
      const { project, work } = packedPackage();
      const broken = path.join(project, 'broken');
      fs.mkdirSync(broken, { recursive: true });
      fs.writeFileSync(path.join(broken, 'aidlint.json'), '{ "rules": { "no-such-rule": "error" } }');
      const outputs = path.join(work, 'github-output-broken');
      const result = runStatus(process.execPath, [SCRIPT], {
        cwd: project,
        env: localEnv({ INPUT_PATHS: 'broken', GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: path.join(work, 'summary-broken'), RUNNER_TEMP: broken }),
      });
      assert.equal(result.status, 0);
      assert.equal(fs.readFileSync(outputs, 'utf8'), 'sarif-file=\nexit-code=2\n');
      assert.match(fs.readFileSync(path.join(work, 'summary-broken'), 'utf8'), /aidlint could not lint \(exit code 2\)/);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
