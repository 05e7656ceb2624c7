/**
 * SARIF 2.1.0 for code scanning. Rule findings become results; file-level notices (ruleId null) become
 * tool execution notifications, since they describe the run, not the code.
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { rules, ruleIds } from '../../definitions/index';
import { ruleDocsUrl } from '../../engine/rule';
import type { LintMessage, NoticeKind, SeveritySetting } from '../../engine/types';
import { relativePosix } from '../../config/globs';
import { aidlintVersion } from '../version';
import { oneBased, type Formatter } from './formatter';

const INFORMATION_URI = 'https://github.com/aidlint/aidlint';
const SOURCE_ROOT = '%SRCROOT%';

const LEVEL: Record<SeveritySetting, Sarif.ReportingConfiguration.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  off: 'none',
};

export const sarif: Formatter = (results, { cwd }) => {
  const findings: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  const noticeKinds: NoticeKind[] = [];

  for (const result of results) {
    for (const message of result.messages) {
      const location = locationOf(result.filePath, message, cwd);
      if (message.ruleId === null) {
        notifications.push(toNotification(message, location, noticeKinds));
      } else {
        findings.push({
          ruleId: message.ruleId,
          ruleIndex: ruleIds.indexOf(message.ruleId),
          level: LEVEL[message.severity],
          message: { text: message.message },
          locations: [location],
        });
      }
    }
  }

  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aidlint',
            informationUri: INFORMATION_URI,
            version: aidlintVersion(),
            rules: ruleIds.map(toDescriptor),
            ...(noticeKinds.length > 0 ? { notifications: noticeKinds.map((id) => ({ id })) } : {}),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(cwd) } },
        columnKind: 'utf16CodeUnits',
        results: findings,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function toDescriptor(id: (typeof ruleIds)[number]): Sarif.ReportingDescriptor {
  const { meta } = rules[id];
  return {
    id,
    shortDescription: { text: meta.docs.description },
    helpUri: ruleDocsUrl(id),
    defaultConfiguration: { enabled: meta.defaultSeverity !== 'off', level: LEVEL[meta.defaultSeverity] },
  };
}

/** Notices refer to a descriptor of their kind in `driver.notifications`, listed once per kind seen. */
function toNotification(message: LintMessage, location: Sarif.Location, noticeKinds: NoticeKind[]): Sarif.Notification {
  const notification: Sarif.Notification = {
    level: LEVEL[message.severity],
    message: { text: message.message },
    locations: [location],
  };
  if (message.notice !== undefined) {
    if (!noticeKinds.includes(message.notice)) noticeKinds.push(message.notice);
    notification.descriptor = { id: message.notice, index: noticeKinds.indexOf(message.notice) };
  }
  return notification;
}

function locationOf(filePath: string, message: LintMessage, cwd: string): Sarif.Location {
  const { line, column, endLine, endColumn } = oneBased(message.range);
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(filePath, cwd),
      region: { startLine: line, startColumn: column, endLine, endColumn },
    },
  };
}

/** Files under cwd are relative to %SRCROOT%, so reports do not depend on where CI checked out the code. */
function artifactLocation(filePath: string, cwd: string): Sarif.ArtifactLocation {
  const relative = relativePosix(cwd, filePath);
  if (relative === undefined) return { uri: pathToFileURL(filePath).href };
  return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

/** SARIF requires base URIs to end with a slash. */
function directoryUri(directory: string): string {
  const uri = pathToFileURL(directory).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}
