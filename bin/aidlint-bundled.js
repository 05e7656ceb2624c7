#!/usr/bin/env node
'use strict';
// The npm package's `aidlint` (scripts/bundle.mjs makes dist/aidlint.js of this file): it runs the CLI's
// bundle, dist/aidlint-cli.js, through V8's code cache, so a run does not compile it again (every `aidlint`
// a hook or CI job starts would pay that; the parser, dist/typescript.js, is loaded the same way when a run
// parses). In the repository, bin/aidlint.js is the CLI.
const path = require('node:path');
const { requireWithCodeCache } = require('../out/rules/engine/code-cache.js');

requireWithCodeCache(path.join(__dirname, 'aidlint-cli.js'));
