/** One panel of grouped bars: a group per label, a bar per series. */
export type ChartPanel = {
  readonly title: string;
  /** Fixed top of the y axis; defaults to a round number above the largest value. */
  readonly max?: number | undefined;
  /** Printed after bar values, e.g. `%`. */
  readonly unit?: string | undefined;
  /** Digits after the decimal point in bar labels. Default 1. */
  readonly digits?: number | undefined;
  readonly groups: readonly {
    readonly label: string;
    /** One per series, in series order; `undefined` leaves a gap. */
    readonly values: readonly (number | undefined)[];
  }[];
};

export type ChartSpec = {
  readonly title: string;
  /** Legend entries, e.g. `['CodeAct', 'JSON', 'Text']`. */
  readonly series: readonly string[];
  readonly panels: readonly ChartPanel[];
};

const palette = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function format(value: number, digits: number): string {
  return value.toFixed(digits);
}

type Box = { x: number; y: number; width: number; height: number };

function renderPanel(panel: ChartPanel, series: readonly string[], box: Box): string[] {
  const out: string[] = [];
  const values = panel.groups.flatMap((group) => group.values.filter((v): v is number => v !== undefined));
  const max = panel.max ?? niceMax(Math.max(0, ...values));
  const digits = panel.digits ?? 1;
  const unit = panel.unit ?? '';
  const plot = { x: box.x + 48, y: box.y + 28, width: box.width - 60, height: box.height - 78 };
  const yOf = (value: number) => plot.y + plot.height - (Math.min(value, max) / max) * plot.height;
  out.push(
    `<text x="${box.x + box.width / 2}" y="${box.y + 16}" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(panel.title)}</text>`,
  );
  for (let tick = 0; tick <= 4; tick++) {
    const value = (max * tick) / 4;
    const y = yOf(value);
    out.push(
      `<line x1="${plot.x}" y1="${y}" x2="${plot.x + plot.width}" y2="${y}" stroke="#e0e0e0" stroke-width="1"/>`,
      `<text x="${plot.x - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#444">${format(value, Number.isInteger(value) ? 0 : 1)}</text>`,
    );
  }
  out.push(
    `<line x1="${plot.x}" y1="${plot.y + plot.height}" x2="${plot.x + plot.width}" y2="${plot.y + plot.height}" stroke="#333" stroke-width="1"/>`,
    `<line x1="${plot.x}" y1="${plot.y}" x2="${plot.x}" y2="${plot.y + plot.height}" stroke="#333" stroke-width="1"/>`,
  );
  const groupCount = Math.max(1, panel.groups.length);
  const groupWidth = plot.width / groupCount;
  const barWidth = Math.min(48, (groupWidth * 0.8) / Math.max(1, series.length));
  panel.groups.forEach((group, groupIndex) => {
    const center = plot.x + groupWidth * (groupIndex + 0.5);
    const left = center - (barWidth * series.length) / 2;
    series.forEach((_name, seriesIndex) => {
      const value = group.values[seriesIndex];
      if (value === undefined) return;
      const x = left + seriesIndex * barWidth;
      const y = yOf(value);
      const height = plot.y + plot.height - y;
      out.push(
        `<rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${(barWidth - 2).toFixed(2)}" height="${height.toFixed(2)}" fill="${palette[seriesIndex % palette.length]}"/>`,
        `<text x="${(x + (barWidth - 2) / 2).toFixed(2)}" y="${(y - 3).toFixed(2)}" text-anchor="middle" font-size="10" fill="#222">${escapeXml(format(value, digits) + unit)}</text>`,
      );
    });
    out.push(
      `<text x="${center.toFixed(2)}" y="${plot.y + plot.height + 16}" text-anchor="middle" font-size="11" fill="#222">${escapeXml(group.label)}</text>`,
    );
  });
  return out;
}

/**
 * A grouped bar chart as a standalone SVG document (no dependencies, no scripts, fixed fonts):
 * panels side by side, a group of bars per label, one colour per series, a legend on top.
 */
export function renderBarChart(spec: ChartSpec): string {
  const panelWidth = Math.max(320, 140 + 70 * Math.max(1, ...spec.panels.map((p) => p.groups.length)) * 1.5);
  const panelHeight = 320;
  const width = Math.max(1, spec.panels.length) * panelWidth + 20;
  const legendY = 44;
  const height = panelHeight + 70;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(spec.title)}</text>`,
  ];
  const legendItemWidth = 110;
  const legendLeft = width / 2 - (legendItemWidth * spec.series.length) / 2;
  spec.series.forEach((name, index) => {
    const x = legendLeft + index * legendItemWidth;
    out.push(
      `<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${palette[index % palette.length]}"/>`,
      `<text x="${x + 18}" y="${legendY}" font-size="12">${escapeXml(name)}</text>`,
    );
  });
  spec.panels.forEach((panel, index) => {
    out.push(
      ...renderPanel(panel, spec.series, { x: 10 + index * panelWidth, y: 60, width: panelWidth, height: panelHeight }),
    );
  });
  out.push('</svg>', '');
  return out.join('\n');
}
