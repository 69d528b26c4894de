import type { PublishedCount, PublishedFigure, Snapshot } from '../shared/statistics.schema.js';
import { html, page, type Lang, type SafeHtml } from './html.js';
import { STATS_MESSAGES } from './stats-messages.js';

/**
 * The public statistics page: the latest published snapshot, each figure as an
 * SVG bar chart drawn here with its table beside it. No script, no inline
 * style (bars are SVG attributes; the look is /public/stats.css), nothing from
 * another host: it works with JavaScript off.
 */

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 170;
const BAR_WIDTH = 280;
const CHART_WIDTH = LABEL_WIDTH + BAR_WIDTH + 60;

function countText(count: PublishedCount, lang: Lang, k: number): string {
  const m = STATS_MESSAGES[lang];
  if (count.count !== null) return count.count.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB');
  return count.suppressed === 'fewer_than_k' ? m.fewerThan(k) : m.hidden;
}

function monthLabel(value: string, lang: Lang): string {
  const [year, month] = value.split('-').map(Number);
  if (year === undefined || month === undefined) return value;
  const date = new Date(Date.UTC(year, month - 1, 1));
  return date.toLocaleDateString(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function cellLabel(figure: PublishedFigure, cell: PublishedFigure['cells'][number], lang: Lang): string {
  const m = STATS_MESSAGES[lang];
  if (cell.value === null) return figure.dimension === 'month' ? m.undatedOrEarlier : m.notRecorded;
  if (figure.dimension === 'month') return monthLabel(cell.value, lang);
  return cell.label?.[lang] ?? m.otherTerm;
}

function truncate(text: string): string {
  return text.length > 26 ? `${text.slice(0, 25)}…` : text;
}

/** A horizontal bar chart; suppressed cells have no bar and say so in the table. */
function chart(figure: PublishedFigure, lang: Lang, k: number): SafeHtml {
  const m = STATS_MESSAGES[lang];
  const largest = Math.max(1, ...figure.cells.map((cell) => cell.count ?? 0));
  const height = figure.cells.length * BAR_HEIGHT;
  const bars = figure.cells.map((cell, i) => {
    const width = cell.count === null ? 0 : Math.max(2, Math.round((cell.count / largest) * BAR_WIDTH));
    const y = i * BAR_HEIGHT + 3;
    return html`<g>
      <title>${cellLabel(figure, cell, lang)}: ${countText(cell, lang, k)}</title>
      <text x="${LABEL_WIDTH - 6}" y="${y + BAR_HEIGHT / 2}" class="axis"
        >${truncate(cellLabel(figure, cell, lang))}</text
      >
      <rect
        x="${LABEL_WIDTH}"
        y="${y}"
        width="${width}"
        height="${BAR_HEIGHT - 6}"
        class="${cell.count === null ? 'bar-none' : 'bar'}"
      ></rect>
      <text x="${LABEL_WIDTH + width + 4}" y="${y + BAR_HEIGHT / 2}" class="value">${countText(cell, lang, k)}</text>
    </g>`;
  });
  return html`<svg
    class="chart"
    role="img"
    aria-label="${m.chartOf(m.figures[figure.figure])}"
    viewBox="0 0 ${CHART_WIDTH} ${Math.max(height, BAR_HEIGHT)}"
    width="${CHART_WIDTH}"
    height="${Math.max(height, BAR_HEIGHT)}"
  >
    ${bars}
  </svg>`;
}

function table(figure: PublishedFigure, lang: Lang, k: number): SafeHtml {
  const m = STATS_MESSAGES[lang];
  return html`<table>
    <caption>
      ${m.figures[figure.figure]}
    </caption>
    <thead>
      <tr>
        <th scope="col">${m.dimensions[figure.dimension]}</th>
        <th scope="col">${m.count}</th>
      </tr>
    </thead>
    <tbody>
      ${figure.cells.map(
        (cell) =>
          html`<tr>
            <th scope="row">${cellLabel(figure, cell, lang)}</th>
            <td>${countText(cell, lang, k)}</td>
          </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row">${m.total}</th>
        <td>${countText(figure.total, lang, k)}</td>
      </tr>
    </tfoot>
  </table>`;
}

function section(figure: PublishedFigure, lang: Lang, k: number): SafeHtml {
  const m = STATS_MESSAGES[lang];
  if (figure.status === 'withheld') {
    return html`<section class="figure" data-testid="figure-${figure.figure}">
      <h2>${m.figures[figure.figure]}</h2>
      <p class="lead">${m.withheld}</p>
    </section>`;
  }
  return html`<section class="figure" data-testid="figure-${figure.figure}">
    <h2>${m.figures[figure.figure]}</h2>
    <div class="pair">${chart(figure, lang, k)}${table(figure, lang, k)}</div>
  </section>`;
}

export function renderStatsPage(lang: Lang, snapshot: Snapshot | null): string {
  const m = STATS_MESSAGES[lang];
  const other: Lang = lang === 'ru' ? 'en' : 'ru';
  const body =
    snapshot === null
      ? html`<p class="lead" data-testid="stats-none">${m.none}</p>`
      : html`<p class="lead" data-testid="stats-as-of">
            ${m.asOf(new Date(`${snapshot.asOf}T00:00:00Z`).toLocaleDateString(lang === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }))}
          </p>
          <p>${m.method(snapshot.k)}</p>
          ${snapshot.figures.map((figure) => section(figure, lang, snapshot.k))}
          <p><a href="/stats.json">${m.json}</a></p>`;
  return page(
    lang,
    m.title,
    html`<a class="lang" href="/stats?lang=${other}" lang="${other}">${m.otherLanguage}</a>
      <h1>${m.title}</h1>
      ${body}`,
    { stylesheet: '/public/stats.css', className: 'stats' },
  );
}

/** The stats page's own rules, served from this server. */
export const STATS_CSS = `
.stats{max-width:60rem}
.figure{margin:2rem 0}
.pair{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
.chart{max-width:100%;height:auto;background:#fff;border:1px solid #ccd}
.bar{fill:#1f4e8c}
.bar-none{fill:none}
.axis{font-size:11px;text-anchor:end;dominant-baseline:middle;fill:#1b1f24}
.value{font-size:11px;dominant-baseline:middle;fill:#444}
table{border-collapse:collapse;background:#fff;min-width:16rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #ccd;padding:.25rem .5rem;text-align:left}
td{text-align:right;font-variant-numeric:tabular-nums}
`;
