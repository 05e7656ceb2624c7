/**
 * Charts as inline SVG, drawn when the report is written: no script, no library, no network, and they
 * print as they look. Each bar is a `<g class="bar">` holding its label, its rectangle and its value, so
 * what a reader sees can be checked against the report's data.
 */
import { escapeHtml } from './escape';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Shown instead of the value (a percentage); the bar's length still follows `value`. */
  valueText?: string;
  /** An in-page link for the label (`#folder-3`). */
  href?: string;
}

/** Two charts side by side fit the page: label, bar and value widths add up to this. */
const CHART_WIDTH = 480;
const VALUE_WIDTH = 60;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
/** Average width of a label character at the chart's 12 px font, for shortening long labels. */
const CHARACTER_WIDTH = 6.6;

export interface ChartOptions {
  /** The value a full-length bar stands for (1 for shares); the largest value by default. */
  max?: number;
  /** Room for the labels (long paths get more). */
  labelWidth?: number;
}

/** Horizontal bars, longest for the largest value (or for `max`). */
export function barChart(id: string, title: string, bars: readonly Bar[], { max = Math.max(1, ...bars.map((bar) => bar.value)), labelWidth = 170 }: ChartOptions = {}): string {
  const LABEL_WIDTH = labelWidth;
  const BAR_AREA = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  if (bars.length === 0) return `<figure class="chart" data-chart="${escapeHtml(id)}"><figcaption>${escapeHtml(title)}</figcaption><p class="empty">Nothing to show.</p></figure>`;
  const height = bars.length * ROW_HEIGHT;
  const width = CHART_WIDTH;
  const rows = bars.map((bar, index) => {
    const y = index * ROW_HEIGHT;
    const length = bar.value <= 0 ? 0 : Math.max(1, (bar.value / max) * BAR_AREA);
    const label = `<text class="label" x="${LABEL_WIDTH - 8}" y="${y + ROW_HEIGHT / 2 + 4}" text-anchor="end">${escapeHtml(truncate(bar.label, Math.floor((LABEL_WIDTH - 8) / CHARACTER_WIDTH)))}</text>`;
    const linked = bar.href ? `<a href="${escapeHtml(bar.href)}">${label}</a>` : label;
    return (
      `<g class="bar" data-key="${escapeHtml(bar.key)}" data-value="${bar.value}"><title>${escapeHtml(bar.label)}: ${escapeHtml(bar.valueText ?? String(bar.value))}</title>${linked}` +
      `<rect x="${LABEL_WIDTH}" y="${y + (ROW_HEIGHT - BAR_HEIGHT) / 2}" width="${length.toFixed(2)}" height="${BAR_HEIGHT}" rx="2"/>` +
      `<text class="value" x="${(LABEL_WIDTH + length + 6).toFixed(2)}" y="${y + ROW_HEIGHT / 2 + 4}">${escapeHtml(bar.valueText ?? String(bar.value))}</text></g>`
    );
  });
  return (
    `<figure class="chart" data-chart="${escapeHtml(id)}"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join('')}</svg></figure>`
  );
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `…${text.slice(text.length - length + 1)}`;
}
