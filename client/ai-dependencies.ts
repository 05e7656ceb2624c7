/**
 * The "AI Dependencies" view: the AI inventory of the workspace as a tree, vendor → models, endpoints,
 * clients and SDK packages → locations; a location opens its file at the line. Fed by the server's
 * `aidlint/report`, refreshed when a workspace scan finishes.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { reportVendorLabel } from '../rules/report/facts';
import type { CouplingReport, Location } from '../rules/report/types';
import type { WorkspaceReport } from '../server/protocol';

export const AI_DEPENDENCIES_VIEW = 'aidlint.aiDependencies';

type Node =
  | { kind: 'folder'; root: string; report: CouplingReport }
  | { kind: 'vendor'; root: string; vendor: string; entries: Entry[] }
  | { kind: 'entry'; root: string; entry: Entry }
  | { kind: 'location'; root: string; location: Location };

type Group = 'model' | 'endpoint' | 'client' | 'package';

const ICONS: Record<Group, string> = { model: 'symbol-constant', endpoint: 'globe', client: 'symbol-class', package: 'package' };

interface Entry {
  group: Group;
  label: string;
  description: string;
  locations: Location[];
}

export class AiDependenciesProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private reports: WorkspaceReport[] = [];

  /** New reports (after a workspace scan): the whole tree is redrawn. */
  update(reports: WorkspaceReport[]): void {
    this.reports = reports;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      // One folder: its vendors at the top; several: a level per folder.
      if (this.reports.length === 1) return vendorsOf(this.reports[0].root, this.reports[0].report);
      return this.reports.map(({ root, report }) => ({ kind: 'folder', root, report }));
    }
    if (node.kind === 'folder') return vendorsOf(node.root, node.report);
    if (node.kind === 'vendor') return node.entries.map((entry) => ({ kind: 'entry', root: node.root, entry }));
    if (node.kind === 'entry') return node.entry.locations.map((location) => ({ kind: 'location', root: node.root, location }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(path.basename(node.root), vscode.TreeItemCollapsibleState.Expanded);
        item.description = node.report.project;
        item.iconPath = new vscode.ThemeIcon('root-folder');
        return item;
      }
      case 'vendor': {
        const item = new vscode.TreeItem(reportVendorLabel(node.vendor), vscode.TreeItemCollapsibleState.Expanded);
        item.description = summary(node.entries);
        item.iconPath = new vscode.ThemeIcon('cloud');
        return item;
      }
      case 'entry': {
        const item = new vscode.TreeItem(node.entry.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.entry.description;
        item.iconPath = new vscode.ThemeIcon(ICONS[node.entry.group]);
        item.tooltip = `${node.entry.description}: ${node.entry.label} (${node.entry.locations.length} place${node.entry.locations.length === 1 ? '' : 's'})`;
        return item;
      }
      case 'location': {
        const { file, line, column } = node.location;
        const item = new vscode.TreeItem(`${file}:${line}`, vscode.TreeItemCollapsibleState.None);
        item.iconPath = vscode.ThemeIcon.File;
        item.resourceUri = vscode.Uri.file(path.join(node.root, file));
        const position = new vscode.Position(line - 1, column - 1);
        item.command = { title: 'Open', command: 'vscode.open', arguments: [item.resourceUri, { selection: new vscode.Range(position, position) }] };
        return item;
      }
    }
  }
}

/** Vendors with what the project uses of each: models and deployments, endpoints, clients, SDK packages. */
function vendorsOf(root: string, { inventory }: CouplingReport): Node[] {
  const byVendor = new Map<string, Entry[]>();
  const add = (vendor: string, entry: Entry) => byVendor.set(vendor, [...(byVendor.get(vendor) ?? []), entry]);
  for (const model of inventory.models) for (const vendor of model.vendors) add(vendor, { group: 'model', label: model.name, description: model.kind, locations: model.locations });
  for (const endpoint of inventory.endpoints) add(endpoint.vendor, { group: 'endpoint', label: endpoint.url, description: endpoint.azureResource ? `endpoint, Azure resource ${endpoint.azureResource}` : 'endpoint', locations: endpoint.locations });
  for (const client of inventory.clients) add(client.vendor, { group: 'client', label: client.name, description: client.role, locations: client.locations });
  for (const entry of inventory.packages) {
    const versions = entry.declarations.map((declaration) => declaration.locked ?? declaration.range).join(', ');
    add(entry.vendor, { group: 'package', label: entry.name, description: `package ${versions}`, locations: entry.declarations.map((declaration) => declaration.manifest) });
  }
  return [...byVendor.entries()].sort(([a], [b]) => reportVendorLabel(a).localeCompare(reportVendorLabel(b))).map(([vendor, entries]) => ({ kind: 'vendor', root, vendor, entries }));
}

/** `2 models, 1 endpoint, 3 clients, 1 package`. */
function summary(entries: readonly Entry[]): string {
  return (Object.keys(ICONS) as Group[])
    .flatMap((group) => {
      const count = entries.filter((entry) => entry.group === group).length;
      return count === 0 ? [] : [`${count} ${group}${count === 1 ? '' : 's'}`];
    })
    .join(', ');
}
