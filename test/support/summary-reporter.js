// Mocha's spec reporter, plus a machine-readable summary for .ci/run when AIDLINT_TEST_SUMMARY names a file.
'use strict';
const fs = require('node:fs');
const { Spec } = require('mocha').reporters;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const target = process.env.AIDLINT_TEST_SUMMARY;
      if (!target) return;
      const { passes, failures, pending } = this.stats;
      fs.writeFileSync(target, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
    });
  }
}

module.exports = SummaryReporter;
