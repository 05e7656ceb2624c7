/**
 * Reading one source file without ever throwing: size and type are checked by `fstat` on the open file
 * before anything is read, and every failure becomes a notice the caller can show.
 */
import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { NoticeKind } from '../engine/types';

/** Why a file was not read. */
export type ReadFailure = { ok: false; notice: NoticeKind; message: string };
export type ReadOutcome = { ok: true; text: string; invalidUtf8: boolean } | ReadFailure;

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
  const body = utf8Body(bytes);
  if (!body) return { binary: true };
  return { text: body.toString('utf8'), invalidUtf8: !isUtf8(body) };
}

/**
 * A file's content for looking at without decoding it: its UTF-8 bytes (BOM removed), or the decoded
 * text of a UTF-16 file. Plain substring searches work on either.
 */
export function sniffSource(bytes: Uint8Array): { source: string | Buffer; invalidUtf8: boolean } | { binary: true } {
  if (startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM)) {
    const decoded = decodeSource(bytes);
    return 'binary' in decoded ? decoded : { source: decoded.text, invalidUtf8: decoded.invalidUtf8 };
  }
  const body = utf8Body(bytes);
  return body ? { source: body, invalidUtf8: !isUtf8(body) } : { binary: true };
}

function utf8Body(bytes: Uint8Array): Buffer | undefined {
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  if (body.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
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

export type BytesOutcome = { ok: true; bytes: Buffer } | ReadFailure;

/**
 * Reads a source file's bytes; never throws. Size and type are checked on the open descriptor before
 * anything is read. Synchronous: measured twice as fast as the thread pool for many small files.
 */
export function readSourceBytesSync(filePath: string, maxBytes: number): BytesOutcome {
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
    return { ok: true, bytes: bytes.subarray(0, filled) };
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

/** Reads and decodes a source file; never throws. */
export function readSourceFileSync(filePath: string, maxBytes: number): ReadOutcome {
  const read = readSourceBytesSync(filePath, maxBytes);
  return read.ok ? outcomeOf(decodeSource(read.bytes)) : read;
}

function refuseBeforeReading(stats: fs.Stats, maxBytes: number): ReadFailure | undefined {
  if (stats.isDirectory()) return { ok: false, notice: 'unreadable', message: 'is a folder, not a file' };
  if (!stats.isFile()) return { ok: false, notice: 'unreadable', message: 'not a regular file' };
  if (stats.size > maxBytes) {
    const [size, limit] = describeSizes(stats.size, maxBytes);
    return { ok: false, notice: 'skipped-large', message: `${size} is larger than the ${limit} limit (maxFileSizeKB); skipped` };
  }
  return undefined;
}

export const BINARY_MESSAGE = 'binary file (contains NUL bytes); skipped';

function outcomeOf(decoded: DecodedSource): ReadOutcome {
  if ('binary' in decoded) return { ok: false, notice: 'skipped-binary', message: BINARY_MESSAGE };
  return { ok: true, text: decoded.text, invalidUtf8: decoded.invalidUtf8 };
}

function failureOf(error: unknown): ReadFailure {
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
