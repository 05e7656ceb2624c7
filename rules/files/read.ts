/**
 * Reading one source file without ever throwing: size and type are checked by `fstat` on the open file
 * before anything is read, and every failure becomes a notice the caller can show.
 */
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { isUtf8 } from 'node:buffer';
import type { NoticeKind } from '../engine/types';

export type ReadOutcome = { ok: true; text: string; invalidUtf8: boolean } | { ok: false; notice: NoticeKind; message: string };

/**
 * `invalidUtf8`: some bytes were not valid in the file's encoding (UTF-8, or UTF-16 when a BOM says so)
 * and were decoded as U+FFFD, so the caller can say so instead of silently analysing altered text.
 */
export type DecodedSource = { text: string; invalidUtf8: boolean } | { binary: true };

/** Like git and ripgrep: a NUL in the first 8 KiB means binary. */
const BINARY_SNIFF_BYTES = 8192;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** O_NONBLOCK keeps a FIFO or device that was named as a file from hanging the open; fstat then rejects it. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** Bytes → text: BOMs stripped, UTF-16 decoded, binary detected, invalid UTF-8 replaced and flagged. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  if (startsWith(bytes, UTF16LE_BOM)) return decodeUtf16(bytes.subarray(UTF16LE_BOM.length));
  if (startsWith(bytes, UTF16BE_BOM)) return decodeUtf16(swapBytePairs(bytes.subarray(UTF16BE_BOM.length)));
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  if (body.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { binary: true };
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return { text: buffer.toString('utf8'), invalidUtf8: !isUtf8(buffer) };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function decodeUtf16(littleEndian: Uint8Array): DecodedSource {
  let text: string;
  let invalidUtf8 = false;
  try {
    text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(littleEndian);
  } catch {
    text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(littleEndian);
    invalidUtf8 = true;
  }
  // Same sniff window as UTF-8, counted in 2-byte code units.
  if (text.lastIndexOf('\0', BINARY_SNIFF_BYTES / 2 - 1) !== -1) return { binary: true };
  return { text, invalidUtf8 };
}

/** UTF-16 BE → LE without relying on ICU's `utf-16be` decoder; an odd last byte is kept so it decodes as U+FFFD. */
function swapBytePairs(bigEndian: Uint8Array): Uint8Array {
  const swapped = Uint8Array.from(bigEndian);
  for (let i = 0; i + 1 < swapped.length; i += 2) {
    swapped[i] = bigEndian[i + 1];
    swapped[i + 1] = bigEndian[i];
  }
  return swapped;
}

/** Enough to keep libuv's four threads busy, far below any descriptor limit (macOS defaults to 256). */
const MAX_OPEN_FILES = 64;

/** A counting semaphore; a released slot goes straight to the longest waiter. */
class Slots {
  private free: number;
  /** FIFO of waiters; `head` instead of `shift()`, which is O(n) and showed up in profiles with 20,000 waiting. */
  private waiting: (() => void)[] = [];
  private head = 0;

  constructor(size: number) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    if (this.head === this.waiting.length) {
      this.free++;
      return;
    }
    const next = this.waiting[this.head++];
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.head = 0;
    }
    next();
  }
}

const openSlots = new Slots(MAX_OPEN_FILES);
const openAsync = promisify(fs.open);
const fstatAsync = promisify(fs.fstat);
const readAsync = promisify(fs.read);
const closeAsync = promisify(fs.close);

/**
 * Reads and decodes a source file; never throws. Callers may start thousands at once: at most
 * MAX_OPEN_FILES are open at a time, the rest wait their turn instead of failing with EMFILE.
 */
export async function readSourceFile(filePath: string, maxBytes: number): Promise<ReadOutcome> {
  await openSlots.acquire();
  try {
    return await readOpenedFile(filePath, maxBytes);
  } finally {
    openSlots.release();
  }
}

/** Callback-style fs on a raw fd: measurably faster than `fs.promises` FileHandles for many small files. */
async function readOpenedFile(filePath: string, maxBytes: number): Promise<ReadOutcome> {
  let fd: number | undefined;
  try {
    fd = await openAsync(filePath, OPEN_FLAGS);
    const stats = await fstatAsync(fd);
    const refusal = refuseBeforeReading(stats, maxBytes);
    if (refusal) return refusal;
    const bytes = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await readAsync(fd, bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break; // truncated since fstat
      filled += bytesRead;
    }
    return outcomeOf(decodeSource(bytes.subarray(0, filled)));
  } catch (error) {
    return failureOf(error);
  } finally {
    if (fd !== undefined) await closeAsync(fd).catch(() => undefined);
  }
}

/** Synchronous twin of readSourceFile, for callers that already hold the thread (the language server). */
export function readSourceFileSync(filePath: string, maxBytes: number): ReadOutcome {
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, OPEN_FLAGS);
    const stats = fs.fstatSync(fd);
    const refusal = refuseBeforeReading(stats, maxBytes);
    if (refusal) return refusal;
    const bytes = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const bytesRead = fs.readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break; // truncated since fstat
      filled += bytesRead;
    }
    return outcomeOf(decodeSource(bytes.subarray(0, filled)));
  } catch (error) {
    return failureOf(error);
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Closing a read-only descriptor cannot lose data; the outcome above stands.
      }
    }
  }
}

function refuseBeforeReading(stats: fs.Stats, maxBytes: number): ReadOutcome | undefined {
  if (stats.isDirectory()) return { ok: false, notice: 'unreadable', message: 'is a folder, not a file' };
  if (!stats.isFile()) return { ok: false, notice: 'unreadable', message: 'not a regular file' };
  if (stats.size > maxBytes) {
    const [size, limit] = describeSizes(stats.size, maxBytes);
    return { ok: false, notice: 'skipped-large', message: `${size} is larger than the ${limit} limit (maxFileSizeKB); skipped` };
  }
  return undefined;
}

function outcomeOf(decoded: DecodedSource): ReadOutcome {
  if ('binary' in decoded) return { ok: false, notice: 'skipped-binary', message: 'binary file (contains NUL bytes); skipped' };
  return { ok: true, text: decoded.text, invalidUtf8: decoded.invalidUtf8 };
}

function failureOf(error: unknown): ReadOutcome {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    return { ok: false, notice: 'vanished', message: 'the file was deleted or moved before it could be read' };
  }
  return { ok: false, notice: 'unreadable', message: systemMessage(error) };
}

/**
 * "EACCES: permission denied, open '/a/b'" → "permission denied": the path is the caller's to show, and the
 * code and syscall are noise to a user. Errors without that shape keep their whole message.
 */
export function systemMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, syscall } = error as NodeJS.ErrnoException;
  let message = error.message;
  if (code && message.startsWith(`${code}: `)) message = message.slice(code.length + 2);
  const syscallAt = syscall ? message.indexOf(`, ${syscall}`) : -1;
  return syscallAt > 0 ? message.slice(0, syscallAt) : message;
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** Human sizes for the pair; exact byte counts when rounding would make them look equal ("1 MB > 1 MB"). */
function describeSizes(size: number, limit: number): [string, string] {
  const rounded: [string, string] = [roundedSize(size), roundedSize(limit)];
  if (rounded[0] !== rounded[1]) return rounded;
  return [`${size.toLocaleString('en-US')} bytes`, `${limit.toLocaleString('en-US')}-byte`];
}

function roundedSize(bytes: number): string {
  if (bytes >= MIB) return `${Math.round((bytes / MIB) * 10) / 10} MB`;
  if (bytes >= KIB) return `${Math.round((bytes / KIB) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
