/**
 * The coupling report as data (`aidlint report --format json`): what the HTML, the CycloneDX export, the
 * editor's "AI Dependencies" view and a later `--compare` read. Paths are relative to `root`, with `/`;
 * lines and columns are 1-based. No key is ever part of it, not even redacted.
 */
import type { RuleId, Severity, VendorId } from '../engine/types';

export const REPORT_FORMAT = 'aidlint-report';
export const REPORT_VERSION = 1;

/** A vendor as findings and inventory name it; `configured` is a host from `endpoints` in aidlint.json. */
export type ReportVendor = VendorId | 'configured';

/**
 * Where a request can be answered: a seam provider (`openai`, `azure-openai`, and whatever adapters a
 * seam adds later) or, for a direct call, the vendor of the client it goes through.
 */
export type ProviderId = string;

export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface ReportFinding extends Location {
  rule: RuleId;
  severity: Severity;
  vendor?: ReportVendor;
  message: string;
}

export interface FolderEntry {
  /** Folder relative to the root (`.` for the root itself). */
  path: string;
  findings: number;
  /** Files with findings, most findings first. */
  files: Array<{ path: string; findings: ReportFinding[] }>;
}

export interface Count<K extends string = string> {
  key: K;
  label: string;
  count: number;
}

/** Vendor calls that go through the seam versus those that go to a vendor SDK or API directly. */
export interface Coverage {
  /** Folder of the package (`.` for the root); `name` from its package.json when it has one. */
  path: string;
  name: string;
  seamCalls: number;
  directCalls: number;
  /** seamCalls / (seamCalls + directCalls); null when the package makes no AI call. */
  share: number | null;
}

/** One place in the application that sends an AI request (the seam's own adapters are not counted). */
export interface AiCall extends Location {
  through: 'seam' | 'direct';
  /** `chatModel`, `embeddingModel`… for the seam; the method or library for a direct call. */
  what: string;
  /** The seam's model name (a key of `models` in its config) or the vendor's model when known. */
  model?: string;
  /** Every provider the call can reach: the one it is routed to, then its fallbacks. */
  providers: ProviderId[];
}

export interface Concentration {
  aiCalls: number;
  /** Calls that can reach only one provider (no fallback to another vendor). */
  singleVendor: number;
  /** singleVendor / aiCalls; null without AI calls. The headline figure: lower is more resilient. */
  share: number | null;
  /** Calls grouped by the providers they can reach. */
  byProviders: Array<{ providers: ProviderId[]; calls: number }>;
}

export interface InventoryModel {
  name: string;
  /** `deployment` where the value names an Azure deployment. */
  kind: 'model' | 'deployment';
  vendors: ReportVendor[];
  /** The seam's config entry and its environment variable, when the model lives there. */
  configKey?: string;
  envVar?: string;
  locations: Location[];
}

export interface InventoryEndpoint {
  /** The URL as written (or its host, for a request built from parts). */
  url: string;
  host: string;
  vendor: ReportVendor;
  /** The Azure resource name (`contoso` of `contoso.openai.azure.com`). */
  azureResource?: string;
  envVar?: string;
  locations: Location[];
}

export interface InventoryPackage {
  name: string;
  vendor: VendorId;
  /** Each package.json that declares it, with the declared range and the version its lockfile pins. */
  declarations: Array<{ manifest: Location; range: string; locked?: string; lockfile?: Location }>;
}

export interface Inventory {
  models: InventoryModel[];
  endpoints: InventoryEndpoint[];
  apiVersions: Array<{ version: string; envVar?: string; locations: Location[] }>;
  envVars: Array<{ name: string; vendor?: VendorId; locations: Location[] }>;
  clients: Array<{ name: string; vendor: VendorId; role: string; locations: Location[] }>;
  packages: InventoryPackage[];
}

/** Differences against an earlier report (`--compare old.json`). */
export interface Trend {
  against: { generatedAt: string };
  findings: { before: number; after: number; added: ReportFinding[]; removed: ReportFinding[] };
  inventory: { added: InventoryChange[]; removed: InventoryChange[] };
  seamCoverage: { before: number | null; after: number | null };
  concentration: { before: number | null; after: number | null };
}

export interface InventoryChange {
  kind: 'model' | 'endpoint' | 'api-version' | 'env-var' | 'package';
  value: string;
}

export interface CouplingReport {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  tool: { name: 'aidlint'; version: string };
  generatedAt: string;
  /** The folder the report is about (absolute). */
  root: string;
  /** Its package.json name, else the folder's name. */
  project: string;
  totals: {
    /** Files linted. */
    files: number;
    filesWithFindings: number;
    findings: number;
    /** File-level notices (unreadable, skipped, syntax errors): not findings, but they limit what was seen. */
    notices: number;
  };
  byVendor: Array<Count<ReportVendor>>;
  byRule: Array<Count<RuleId>>;
  bySeverity: Array<Count<Severity>>;
  /** Folders ranked by coupling (most findings first). */
  folders: FolderEntry[];
  seamCoverage: { overall: Coverage; packages: Coverage[] };
  concentration: Concentration;
  aiCalls: AiCall[];
  inventory: Inventory;
  /** What the report could not read (a broken package.json, an unreadable lockfile or seam config). */
  notes: string[];
  trend?: Trend;
}
