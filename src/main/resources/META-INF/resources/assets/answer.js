// Renders one answer of the contract: the text with clickable [n] markers, a card per measure in
// `conflicts` with its figure chart, and the numbered source list.

import { el, formatDate, safeUrl, svg, uid } from './dom.js';
import { renderFigureChart } from './chart.js';

const STATUS = {
  conflict: { label: 'Conflict', className: 'badge-conflict' },
  consistent: { label: 'Consistent', className: 'badge-consistent' },
  'single-source': { label: 'Single source', className: 'badge-single' },
};

const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/**
 * @param {object} response the answer contract
 * @param {{articles: Map<string, object>, openCitation: (anchor: Element, cite: object) => void}} context
 */
export function renderAnswer(response, context) {
  const citations = new Map((response.citations || []).map((citation) => [citation.n, citation]));
  const articleOf = (id) => context.articles.get(id) || [...citations.values()].find((c) => c.articleId === id) || null;

  const citeButton = (n, fallback) => {
    const citation = citations.get(n);
    const cite = citation
      ? { n, title: citation.title, outlet: citation.outlet, url: citation.url, publishedAt: citation.publishedAt, quote: citation.quote, articleId: citation.articleId }
      : fallback;
    if (!cite) {
      return null;
    }
    const name = sourceName(cite);
    const label = cite.n ? `Source ${cite.n}: ${name}` : `Quoted passage from ${name}`;
    return el('button', {
      type: 'button', class: ['cite', !cite.n && 'cite-quote'], 'aria-label': label, 'aria-haspopup': 'dialog', 'aria-expanded': 'false',
      dataset: { n: cite.n ?? '' },
      onclick: (event) => context.openCitation(event.currentTarget, cite),
    }, cite.n ? String(cite.n) : quoteIcon());
  };

  const figureCite = (figure) => {
    const article = articleOf(figure.articleId) || {};
    return citeButton(figure.n, {
      n: figure.n ?? null, quote: figure.quote, articleId: figure.articleId, title: article.title, outlet: article.outlet,
      url: article.url, publishedAt: article.publishedAt, attribution: figure.attribution, asOf: figure.asOf,
    });
  };

  const figureSource = (figure) => {
    const article = articleOf(figure.articleId) || { articleId: figure.articleId };
    const name = sourceName({ ...article, articleId: figure.articleId });
    const date = formatDate(figure.asOf);
    const detail = [figure.attribution, date].filter(Boolean).join(' · ');
    return { name, full: article.title || name, detail: detail || null, isId: !article.outlet && !article.title };
  };

  const answer = el('div', { class: 'answer' });
  answer.append(el('div', { class: 'answer-text' }, paragraphs(response.answer || '', (n) => citeButton(n))));

  const conflicts = response.conflicts || [];
  if (conflicts.length > 0) {
    const section = el('section', { class: 'conflicts', 'aria-label': 'Figures by source' },
      el('h3', { class: 'section-title' }, 'Figures by source'));
    for (const conflict of conflicts) {
      section.append(renderConflictCard(conflict, { source: figureSource, citeButton: figureCite }));
    }
    answer.append(section);
  }
  if (citations.size > 0) {
    answer.append(renderSources([...citations.values()], context));
  }
  return answer;
}

/** Splits the answer into paragraphs and turns each [n] (or [n, m]) with a known citation into a button. */
function paragraphs(text, citeButton) {
  return text.split(/\n{2,}/).filter((part) => part.trim() !== '').map((part) => {
    const p = el('p');
    let last = 0;
    for (const match of part.matchAll(MARKER)) {
      const buttons = match[1].split(',').map((n) => citeButton(Number(n.trim())));
      if (buttons.some((button) => button === null)) {
        continue;
      }
      p.append(part.slice(last, match.index));
      p.append(el('span', { class: 'cite-group' }, buttons));
      last = match.index + match[0].length;
    }
    p.append(part.slice(last));
    return p;
  });
}

function renderConflictCard(conflict, chartContext) {
  const status = STATUS[conflict.status] || { label: conflict.status || 'Figures', className: 'badge-single' };
  const figures = conflict.figures || [];
  const articles = new Set(figures.map((figure) => figure.articleId).filter(Boolean));
  const titleId = uid(`measure-${cssSafe(conflict.measureId)}`);
  return el('article', { class: ['conflict-card', `status-${cssSafe(conflict.status)}`], 'aria-labelledby': titleId, dataset: { measureId: conflict.measureId || '', status: conflict.status || '' } },
    el('header', { class: 'conflict-head' },
      el('h4', { class: 'conflict-title', id: titleId }, conflict.measure || 'Figures'),
      el('span', { class: ['badge', status.className] }, status.label)),
    conflict.summary ? el('p', { class: 'conflict-summary' }, conflict.summary) : null,
    el('p', { class: 'conflict-count' },
      `${figures.length} ${figures.length === 1 ? 'figure' : 'figures'} from ${articles.size} ${articles.size === 1 ? 'article' : 'articles'}`),
    renderFigureChart(conflict, chartContext),
    renderLegend(figures));
}

function renderLegend(figures) {
  const has = (predicate) => figures.some(predicate);
  const items = [];
  if (has((f) => f.low != null && f.high != null && f.low === f.high)) items.push(['point', 'reported value']);
  if (has((f) => f.low != null && f.high != null && f.low !== f.high)) items.push(['range', 'range']);
  if (has((f) => f.low != null && f.high == null)) items.push(['open-high', 'at least (no upper bound)']);
  if (has((f) => f.low == null && f.high != null)) items.push(['open-low', 'up to (no lower bound)']);
  if (has((f) => f.derived)) items.push(['derived', 'derived by Crosscheck, not stated']);
  if (items.length < 2) {
    return null;
  }
  return el('ul', { class: 'legend', 'aria-label': 'Chart legend', role: 'list' },
    items.map(([shape, label]) => el('li', { class: `legend-item legend-${shape}` }, el('span', { class: 'legend-swatch', 'aria-hidden': 'true' }), label)));
}

function renderSources(citations, context) {
  const list = el('ol', { class: 'source-list' });
  for (const citation of citations) {
    const href = safeUrl(citation.url);
    const name = sourceName(citation);
    const title = citation.title || name;
    const meta = [citation.title && citation.outlet ? citation.outlet : null, formatDate(citation.publishedAt),
      !citation.title && !citation.outlet ? null : citation.articleId].filter(Boolean);
    list.append(el('li', { class: 'source', dataset: { n: citation.n } },
      el('span', { class: 'source-n', 'aria-hidden': 'true' }, String(citation.n)),
      el('div', { class: 'source-body' },
        el('p', { class: 'source-title' },
          el('span', { class: 'visually-hidden' }, `Source ${citation.n}: `),
          href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, title) : el('span', {}, title)),
        meta.length > 0 ? el('p', { class: 'source-meta' }, meta.join(' · ')) : null,
        citation.quote ? el('details', { class: 'source-quote' },
          el('summary', {}, 'Quoted passage'),
          el('blockquote', {}, citation.quote)) : null)));
  }
  return el('section', { class: 'sources', 'aria-label': 'Sources' },
    el('h3', { class: 'section-title' }, 'Sources'), list);
}

function quoteIcon() {
  return svg('svg', { viewBox: '0 0 16 16', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { fill: 'currentColor', d: 'M2 9.5C2 6.5 3.6 4.4 6.4 3.5l.6 1.2C5.5 5.4 4.8 6.4 4.7 7.6H7V13H2V9.5zm7 0c0-3 1.6-5.1 4.4-6l.6 1.2c-1.5.7-2.2 1.7-2.3 2.9H14V13H9V9.5z' }));
}

/** outlet, else title, else the article id: what a reader recognises first. */
export function sourceName(item) {
  return item.outlet || item.title || item.articleId || 'Unknown source';
}

function cssSafe(value) {
  return String(value || 'none').replace(/[^a-zA-Z0-9_-]/g, '-');
}
