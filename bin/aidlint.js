#!/usr/bin/env node
'use strict';
const { main } = require('../out/rules/cli/main.js');
const { redactText } = require('../out/rules/vendors/patterns.js');

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
}).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error) => {
    // A crash is a bug in aidlint, not in the user's code: say so, exit 2 as for usage problems.
    process.stderr.write(`aidlint crashed; please report this.\n${redactText(String(error?.stack ?? error))}\n`);
    process.exitCode = 2;
  },
);
