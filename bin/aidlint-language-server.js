#!/usr/bin/env node
'use strict';
// The language server for any LSP client (Neovim, Helix, Emacs, …). vscode-languageserver takes the
// transport from the arguments; without one the server cannot start, so say how to start it.
const TRANSPORT = /^--(stdio|node-ipc|socket|pipe)(=|$)/;

if (process.argv.slice(2).some((arg) => TRANSPORT.test(arg))) {
  require('../out/server/main.js');
} else {
  process.stderr.write(
    'Usage: aidlint-language-server --stdio\n\nThe aidlint language server; an editor starts it and talks LSP over standard input and output\n(--node-ipc, --socket PORT and --pipe NAME work too).\n',
  );
  process.exitCode = 2;
}
