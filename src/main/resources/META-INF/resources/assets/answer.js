// Renders one answer of the contract: the text with clickable [n] markers, a card per measure in
// `conflicts` (grouped by story when there are several) with its figure chart, and the numbered source list.
// Sources are named only from what the answer carries: its citations and each figure's sources[].outlet.

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
 * @param {{openCitation: (anchor: Element, cite: object) => void}} context
 */
export function renderAnswer(response, context) {
  const citations = new Map((response.citations || []).map((citation) => [citation.n, citation]));
  // the answer carries everything the page names sources with: its citations, and each figure's sources' outlets
  const citedArticle = new Map();
  citations.forEach((citation) => {
    if (citation.articleId && !citedArticle.has(citation.articleId)) {
      citedArticle.set(citation.articleId, citation);
    }
  });

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

  /** What the answer knows of an article: its citation when cited, else the outlet a figure's source names. */
  const articleOf = (articleId, outlet) => {
    const cited = citedArticle.get(articleId);
    return cited ? { ...cited, outlet: cited.outlet || outlet } : { articleId, outlet };
  };

  const earliestSource = (figure) => (figure.sources || []).find((source) => source.articleId === figure.articleId)
      || (figure.sources || [])[0] || { articleId: figure.articleId };

  const figureCite = (figure) => {
    const article = articleOf(figure.articleId, earliestSource(figure).outlet);
    return citeButton(figure.n, {
      n: figure.n ?? null, quote: figure.quote, articleId: figure.articleId, title: article.title, outlet: article.outlet,
      url: article.url, publishedAt: article.publishedAt, attribution: figure.attribution, asOf: figure.asOf,
    });
  };

  const figureSource = (figure) => {
    const article = articleOf(figure.articleId, earliestSource(figure).outlet);
    const name = sourceName(article);
    const date = formatDate(figure.asOf);
    const detail = [figure.attribution, date].filter(Boolean).join(' · ');
    return { name, full: article.title || name, detail: detail || null };
  };

  /** Every article reporting the figure, earliest first; a cited one opens its passage and links to its page. */
  const figureSources = (figure) => {
    const sources = figure.sources || [];
    if (sources.length < 2) {
      return null;
    }
    const list = el('ul', { class: 'figure-source-list', role: 'list' });
    for (const source of sources) {
      const article = articleOf(source.articleId, source.outlet);
      const name = sourceName(article);
      const href = source.n ? safeUrl(article.url) : null;
      list.append(el('li', { class: 'figure-source-item', dataset: { articleId: source.articleId || '' } },
        source.n ? citeButton(source.n) : null,
        href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer', title: article.title || null }, name)
          : el('span', { title: article.title || null }, name)));
    }
    const count = `${sources.length} sources`;
    return el('details', { class: 'figure-sources' },
      el('summary', { 'aria-label': `${count} report ${figure.value || 'this figure'}` }, count),
      list);
  };

  const answer = el('div', { class: 'answer' });
  answer.append(el('div', { class: 'answer-text' }, paragraphs(response.answer || '', (n) => citeButton(n))));

  const conflicts = response.conflicts || [];
  if (response.analysisPending) {
    answer.append(el('p', { class: 'analysis-note', role: 'note' },
      'New articles on this story are still being analysed: the figures below are from the last analysis and may change.'));
  }
  if (conflicts.length > 0) {
    answer.append(renderConflicts(conflicts, { source: figureSource, sources: figureSources, citeButton: figureCite }));
  }
  if (citations.size > 0) {
    answer.append(renderSources([...citations.values()]));
  }
  return answer;
}

/** The measure cards; grouped under a heading per story when the answer draws on several stories. */
function renderConflicts(conflicts, chartContext) {
  const section = el('section', { class: 'conflicts', 'aria-label': 'Figures by source' },
    el('h3', { class: 'section-title' }, 'Figures by source'));
  const stories = new Map();
  for (const conflict of conflicts) {
    const key = conflict.storyId ?? conflict.story ?? '';
    if (!stories.has(key)) {
      stories.set(key, { story: conflict.story, conflicts: [] });
    }
    stories.get(key).conflicts.push(conflict);
  }
  if (stories.size < 2) {
    conflicts.forEach((conflict) => section.append(renderConflictCard(conflict, chartContext, 'h4', true)));
    return section;
  }
  for (const { story, conflicts: ofStory } of stories.values()) {
    const titleId = uid('story');
    section.append(el('section', { class: 'story-group', 'aria-labelledby': titleId },
      el('h4', { class: 'story-title', id: titleId }, el('span', { class: 'story-kicker' }, 'Story '), story || 'Untitled story'),
      ofStory.map((conflict) => renderConflictCard(conflict, chartContext, 'h5', false))));
  }
  return section;
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

function renderConflictCard(conflict, chartContext, heading, showStory) {
  const status = STATUS[conflict.status] || { label: conflict.status || 'Figures', className: 'badge-single' };
  const figures = conflict.figures || [];
  const articles = new Set(figures.flatMap((figure) => (figure.sources || []).map((source) => source.articleId)
    .concat(figure.articleId)).filter(Boolean));
  const titleId = uid(`measure-${cssSafe(conflict.measureId)}`);
  return el('article', {
    class: ['conflict-card', `status-${cssSafe(conflict.status)}`], 'aria-labelledby': titleId,
    dataset: { measureId: conflict.measureId || '', status: conflict.status || '', storyId: conflict.storyId ?? '' },
  },
    el('header', { class: 'conflict-head' },
      el(heading, { class: 'conflict-title', id: titleId }, conflict.measure || 'Figures'),
      el('span', { class: ['badge', status.className] }, status.label)),
    showStory && conflict.story ? el('p', { class: 'conflict-story' }, el('span', { class: 'story-kicker' }, 'Story '), conflict.story) : null,
    conflict.summary ? el('p', { class: 'conflict-summary' }, conflict.summary) : null,
    el('p', { class: 'conflict-count' }, countLine(figures, articles.size)),
    renderFigureChart(conflict, chartContext),
    renderLegend(figures));
}

/** "3 stated figures from 4 articles, and 2 derived": stated figures are what sources said, so they are counted first. */
function countLine(figures, articleCount) {
  const plural = (n, word) => `${n} ${n === 1 ? word : `${word}s`}`;
  const derived = figures.filter((figure) => figure.derived).length;
  const stated = figures.length - derived;
  const from = `from ${plural(articleCount, 'article')}`;
  if (stated === 0) {
    return `${plural(derived, 'derived figure')} ${from}`;
  }
  return `${plural(stated, 'stated figure')} ${from}${derived > 0 ? `, and ${derived} derived` : ''}`;
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

/** One entry per article, named by articleName, with the passages the answer cites from it, in citation order. */
function renderSources(citations) {
  const articles = new Map();
  for (const citation of citations) {
    // an older answer may carry no article id: its passages then stand alone rather than merge by accident
    const key = citation.articleId || `citation-${citation.n}`;
    if (!articles.has(key)) {
      articles.set(key, { article: citation, passages: [] });
    }
    articles.get(key).passages.push(citation);
  }
  const list = el('ul', { class: 'source-list', role: 'list' });
  for (const { article, passages } of articles.values()) {
    const href = safeUrl(article.url);
    const name = articleName(article);
    const meta = [article.title ? article.outlet : null, article.title ? formatDate(article.publishedAt) : null].filter(Boolean);
    const numbers = passages.map((passage) => passage.n).join(', ');
    list.append(el('li', { class: 'source', dataset: { articleId: article.articleId || '' } },
      el('div', { class: 'source-head' },
        el('p', { class: 'source-title' },
          el('span', { class: 'visually-hidden' }, `${passages.length === 1 ? 'Source' : 'Sources'} ${numbers}: `),
          href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, name) : el('span', {}, name)),
        meta.length > 0 ? el('p', { class: 'source-meta' }, meta.join(' · ')) : null),
      el('ol', { class: 'source-passages', role: 'list' },
        passages.map((passage) => el('li', { class: 'source-passage', dataset: { n: passage.n } },
          el('span', { class: 'source-n', 'aria-hidden': 'true' }, String(passage.n)),
          passage.quote
            ? el('details', { class: 'source-quote' },
              el('summary', {}, el('span', { class: 'visually-hidden' }, `Passage ${passage.n}: `), passage.quote))
            : el('p', { class: 'source-quote source-quote-missing' }, 'No passage was quoted.'))))));
  }
  return el('section', { class: 'sources', 'aria-label': 'Sources' },
    el('h3', { class: 'section-title' }, 'Sources', el('span', { class: 'section-count' },
      ` · ${articles.size} ${articles.size === 1 ? 'article' : 'articles'}`)), list);
}

function quoteIcon() {
  return svg('svg', { viewBox: '0 0 16 16', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { fill: 'currentColor', d: 'M2 9.5C2 6.5 3.6 4.4 6.4 3.5l.6 1.2C5.5 5.4 4.8 6.4 4.7 7.6H7V13H2V9.5zm7 0c0-3 1.6-5.1 4.4-6l.6 1.2c-1.5.7-2.2 1.7-2.3 2.9H14V13H9V9.5z' }));
}

/** outlet, else title, else "untitled": what a reader recognises first (an article id means nothing to a reader). */
export function sourceName(item) {
  return item.outlet || item.title || 'untitled';
}

/** An article's name as a heading: its title, else its outlet and date, else "Untitled article"; never its id. */
export function articleName(item) {
  if (item.title) {
    return item.title;
  }
  const named = [item.outlet, formatDate(item.publishedAt)].filter(Boolean).join(', ');
  return named || 'Untitled article';
}

function cssSafe(value) {
  return String(value || 'none').replace(/[^a-zA-Z0-9_-]/g, '-');
}
