// One code-server process (the VS Code workbench served to the browser) on a free loopback port, with
// its own user data, configuration and log; stopped with everything it started (extension hosts,
// language servers), which share its process group.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { environment } from './environment.mjs';
import { until } from './until.mjs';

const LISTENING = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//;
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export class CodeServer {
  /**
   * @param {{ workspace: string, stateDir: string, env?: Record<string, string> }} options `stateDir` receives
   * user data, config and the log; user settings must already be in `stateDir/user-data/User/settings.json`;
   * `env` is passed down to the extension host and the language server (the server's test hooks).
   */
  static async start({ workspace, stateDir, env = {} }) {
    const logFile = path.join(stateDir, 'code-server.log');
    const log = fs.openSync(logFile, 'a');
    const child = spawn(
      process.execPath,
      [
        environment.codeServerEntry(),
        '--auth', 'none',
        '--bind-addr', '127.0.0.1:0',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-getting-started-override',
        ...(environment.trace() ? ['--log', 'trace'] : []),
        '--config', path.join(stateDir, 'config.yaml'),
        '--user-data-dir', path.join(stateDir, 'user-data'),
        '--extensions-dir', environment.extensionsDir(),
        workspace,
      ],
      // Its own process group, so stopping it also stops the extension hosts and language servers it started.
      { detached: true, stdio: ['ignore', log, log], env: { ...codeServerEnv(stateDir), ...env } },
    );
    fs.closeSync(log);
    const server = new CodeServer(child, logFile);
    try {
      server.url = await until('code-server to listen', () => LISTENING.exec(server.log())?.[1], Boolean, START_TIMEOUT_MS);
    } catch (error) {
      await server.stop();
      throw new Error(`${error.message}\n${server.log()}`);
    }
    return server;
  }

  constructor(child, logFile) {
    this.child = child;
    this.logFile = logFile;
    this.exited = new Promise((resolve) => child.once('exit', resolve));
    /** `http://127.0.0.1:<port>` once listening. */
    this.url = '';
  }

  log() {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.signalGroup('SIGTERM');
    const timer = setTimeout(() => this.signalGroup('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
    // Extension hosts may outlive their parent for a moment; they are in the same group.
    this.signalGroup('SIGKILL');
  }

  signalGroup(signal) {
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // The group is gone already.
    }
  }
}

/**
 * code-server and VS Code write configuration, logs and caches under the XDG folders: keep them in the
 * session's folder. Variables of a VS Code this script may be running in would confuse the server.
 */
function codeServerEnv(stateDir) {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('VSCODE_') && name !== 'ELECTRON_RUN_AS_NODE');
  return {
    ...Object.fromEntries(inherited),
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'),
  };
}
