import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only the pieces the dashboard draws, so the lazy chunk stays small.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale);

/**
 * One figure drawn on a canvas: bars for categories, a line for months. The
 * canvas is hidden from screen readers (its label points to the table beside
 * it, which holds the same numbers).
 */
export function FigureChart({
  kind,
  labels,
  counts,
  label,
  testId,
}: {
  kind: 'bar' | 'line';
  labels: readonly string[];
  counts: readonly number[];
  label: string;
  testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    // No 2D context (a test's DOM): the table beside it still holds every number.
    const context = canvas.current?.getContext('2d');
    if (!context) return undefined;
    const chart = new Chart(context, {
      type: kind,
      data: {
        labels: [...labels],
        datasets: [{ data: [...counts], backgroundColor: '#3b6ea5', borderColor: '#3b6ea5' }],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: kind === 'bar' ? 'y' : 'x',
        scales: {
          [kind === 'bar' ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } },
          // A long term name is shortened on the axis (the table beside the chart holds it whole).
          [kind === 'bar' ? 'y' : 'x']: { ticks: { callback: (_value, index) => shortLabel(labels[index] ?? '') } },
        },
      },
    });
    return () => chart.destroy();
  }, [kind, labels, counts]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}

const AXIS_LABEL_MAX = 28;

/** A category name cut at a word to fit the axis, with an ellipsis; the whole name is in the table. */
export function shortLabel(label: string): string {
  if (label.length <= AXIS_LABEL_MAX) return label;
  const cut = label.slice(0, AXIS_LABEL_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > AXIS_LABEL_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
