/** Temporary folders for the file tests: every fixture is generated at test time and removed afterwards. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function makeTempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aidlint-files-')));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * False when running as root (or with CAP_DAC_OVERRIDE), where `chmod 000` does not stop reads, so
 * permission tests must be skipped there; the ENOTDIR/EISDIR tests cover the unreadable path instead.
 */
export function chmodBlocksReads(dir: string): boolean {
  const probe = path.join(dir, 'permission-probe');
  fs.writeFileSync(probe, 'x');
  fs.chmodSync(probe, 0o000);
  try {
    fs.closeSync(fs.openSync(probe, 'r'));
    return false;
  } catch {
    return true;
  } finally {
    fs.rmSync(probe, { force: true });
  }
}
