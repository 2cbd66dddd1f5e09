import { describe, expect, it } from 'vitest';
import { renderBarChart } from './svg-chart.js';

describe('renderBarChart', () => {
  const svg = renderBarChart({
    title: 'Success <&> turns',
    series: ['CodeAct', 'JSON', 'Text'],
    panels: [
      {
        title: 'Success rate (%)',
        max: 100,
        groups: [
          { label: 'ours', values: [50, 25, undefined] },
          { label: 'paper', values: [74.4, 52.4, 53.7] },
        ],
      },
      { title: 'Average turns', groups: [{ label: 'ours', values: [5.5, 7.6, 7.7] }] },
    ],
  });

  it('draws one bar per defined value with its label', () => {
    expect(svg.match(/<rect x=/g)).toHaveLength(3 + 5 + 3);
    expect(svg).toContain('>74.4</text>');
    expect(svg).toContain('>7.7</text>');
  });

  it('scales bars to the panel maximum', () => {
    const heights = [
      ...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)" fill="#d62728"\/>/g),
    ].map((m) => Number(m[1]));
    // The legend swatch, then 50 % and 74.4 % on the same axis.
    expect(heights[2]! / heights[1]!).toBeCloseTo(74.4 / 50, 2);
  });

  it('escapes text and is a standalone document', () => {
    expect(svg).toContain('Success &#60;&#38;&#62; turns');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
