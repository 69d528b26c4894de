// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Term } from '../../shared/vocabularies.js';
import { createQueryClient } from '../api/query.js';
import { useDateFormat } from '../components/format.js';
import { i18n, switchLanguage } from '../i18n/i18n.js';
import { json, settle, stubApi } from '../testing/harness.js';
import { useTermLabel } from './terms.js';
import { TermSelect } from './TermSelect.js';

function term(code: string, labelRu: string, labelEn: string, parentId: string | null = null, retired = false): Term {
  return {
    id: `00000000-0000-4000-8000-${code.padStart(12, '0').slice(-12)}`,
    vocabulary: 'region',
    code,
    parentId,
    labelRu,
    labelEn,
    sortOrder: 0,
    retired,
    retiredAt: retired ? '2026-11-01T00:00:00.000Z' : null,
    attributes: {},
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

const FAR_EAST = term('fd-far-east', 'Дальневосточный федеральный округ', 'Far Eastern Federal District');
const SIBERIA = term('fd-siberia', 'Сибирский федеральный округ', 'Siberian Federal District');
const TERMS = [
  FAR_EAST,
  SIBERIA,
  term('RU-BU', 'Республика Бурятия', 'Republic of Buryatia', FAR_EAST.id),
  term('RU-ZAB', 'Забайкальский край', 'Zabaykalsky Krai', FAR_EAST.id),
  term('RU-OLD', 'Упразднённый регион', 'Retired region', SIBERIA.id, true),
];

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
});

async function mount(node: React.ReactNode): Promise<void> {
  const client = createQueryClient();
  await act(() => {
    root.render(
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={client}>{node}</QueryClientProvider>
      </I18nextProvider>,
    );
    return Promise.resolve();
  });
  for (let turn = 0; turn < 20; turn += 1) await settle();
}

function Labels({ codes }: { codes: (string | null)[] }) {
  const label = useTermLabel('region');
  return (
    <ul>
      {codes.map((code, i) => (
        <li key={i}>{label(code)}</li>
      ))}
    </ul>
  );
}

describe('vocabulary labels and pickers', () => {
  it('fetches a vocabulary once however many components read it, and words codes in the reader’s language', async () => {
    await switchLanguage('ru');
    const seen = stubApi({ 'GET /api/vocabularies/region': () => json({ vocabulary: 'region', terms: TERMS }) });
    await mount(
      <>
        <Labels codes={['RU-BU', null, 'RU-NOPE', 'RU-OLD']} />
        <TermSelect vocabulary="region" empty="any" aria-label="region" testId="picker" />
      </>,
    );
    expect(seen.filter((r) => r.path.startsWith('/api/vocabularies/region'))).toHaveLength(1);
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Республика Бурятия',
      '—',
      'неизвестное значение',
      'Упразднённый регион',
    ]);
    await act(() => switchLanguage('en'));
    expect(container.querySelector('li')?.textContent).toBe('Republic of Buryatia');
  });

  it('groups regions under their federal district and offers no retired term unless it is the chosen one', async () => {
    await switchLanguage('en');
    stubApi({ 'GET /api/vocabularies/region': () => json({ vocabulary: 'region', terms: TERMS }) });
    await mount(<TermSelect vocabulary="region" empty="any" aria-label="region" testId="picker" />);
    const select = container.querySelector('select');
    const groups = [...(select?.querySelectorAll('optgroup') ?? [])].map((group) => ({
      label: group.label,
      options: [...group.querySelectorAll('option')].map((option) => [option.value, option.textContent]),
    }));
    expect(groups).toEqual([
      {
        label: 'Far Eastern Federal District',
        options: [
          ['RU-BU', 'Republic of Buryatia'],
          ['RU-ZAB', 'Zabaykalsky Krai'],
        ],
      },
    ]);
    expect(select?.querySelector('option')?.textContent).toBe('Any');

    await mount(<TermSelect vocabulary="region" value="RU-OLD" onChange={() => undefined} aria-label="region" />);
    const values = [...container.querySelectorAll('option')].map((option) => option.value);
    expect(values).toContain('RU-OLD');
  });
});

describe('dates', () => {
  function Dates({ iso }: { iso: string }) {
    const format = useDateFormat();
    return (
      <p>
        <span>{format.date(iso)}</span>|<span>{format.dateTime(iso)}</span>|
        <span>{format.relative(iso, new Date('2026-12-04T10:00:00Z'))}</span>
      </p>
    );
  }

  it('shows dates in the locale’s own words, a bare day as that day, and relative times', async () => {
    await switchLanguage('ru');
    stubApi({});
    await mount(<Dates iso="2026-12-01" />);
    const [day, , relative] = [...container.querySelectorAll('span')].map((span) => span.textContent);
    expect(day).toBe('1 дек. 2026 г.');
    expect(relative).toBe('3 дня назад');
    await act(() => switchLanguage('en'));
    expect(container.querySelector('span')?.textContent).toBe('Dec 1, 2026');
    await mount(<Dates iso="not a date" />);
    expect(container.textContent).toBe('—|—|—');
  });
});
