import type { Formatter } from './formatter';
import { json } from './json';
import { sarif } from './sarif';
import { stylish } from './stylish';

export const formatters = { stylish, json, sarif } satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formatters;

export const formatNames = Object.keys(formatters) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}

export type { Formatter, FormatterContext } from './formatter';
