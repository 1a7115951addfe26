// The figure chart of one measure: one row per distinct figure (with the articles reporting it), hand-drawn SVG (no chart library, works offline).
// Encoding:
//   point value (low = high)   a dot
//   range (low < high)         a bar from low to high with end caps
//   "at least" (high null)     a bar from low fading toward the axis end, with an arrow there
//   "up to" (low null)         a bar from zero (faded) to a solid cap at high, with an arrow toward zero
//   derived figure             hatched, dashed outline, hollow dot, labelled "derived"; listed after the stated
//                              figures and only on request
// Each unit family gets its own axis (counts, percent, durations in days, each currency), so a share is
// never drawn on a count scale. Figures without numeric bounds ("since mid-January") are listed as text.

import { el, svg, uid } from './dom.js';

const DAYS_PER = {
  second: 1 / 86400, minute: 1 / 1440, hour: 1 / 24, day: 1, week: 7, fortnight: 14, month: 30.44,
  year: 365.25, decade: 3652.5, century: 36525,
};
const MEASUREMENT_UNITS = new Set([
  'mm', 'cm', 'm', 'km', 'millimetres', 'millimeters', 'centimetres', 'centimeters', 'metres', 'meters',
  'kilometres', 'kilometers', 'miles', 'feet', 'inches', 'kg', 'kilograms', 'tonnes', 'tons', 'litres', 'liters',
  'hectares', 'acres', 'degrees', 'mph', 'km/h', 'kw', 'mw', 'gw', 'kwh', 'mwh', 'gwh',
]);

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const compactFormat = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** The axis a figure is drawn on, or null when it has no numeric bound to draw. */
export function scaleOf(figure) {
  const low = finite(figure.low);
  const high = finite(figure.high);
  if (low === null && high === null) {
    return null;
  }
  const unit = (figure.unit || '').trim();
  const lower = unit.toLowerCase();
  if (lower === 'since') {
    return null;
  }
  if (lower === 'percent' || lower === '%' || lower === 'per cent') {
    return { key: 'percent', title: 'Percentages', unitLabel: '', factor: 1, percent: true };
  }
  const singular = lower.replace(/ies$/, 'y').replace(/s$/, '');
  if (DAYS_PER[singular] !== undefined) {
    return { key: 'duration', title: 'Duration', unitLabel: 'days', factor: DAYS_PER[singular] };
  }
  if (/^[A-Z]{3}$/.test(unit)) {
    return { key: `money:${unit}`, title: 'Amount', unitLabel: unit, factor: 1 };
  }
  if (MEASUREMENT_UNITS.has(lower)) {
    return { key: `measure:${lower}`, title: 'Measurement', unitLabel: unit, factor: 1 };
  }
  return { key: 'count', title: 'Counts', unitLabel: '', factor: 1 };
}

function finite(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Renders the chart of a measure's figures: the figures sources stated first, on an axis scaled to them; figures
 * Crosscheck derived ("up to 40%" of 11,000 → ≤ 4,400) behind a button, since a computed number is not what any
 * source said and, drawn by default, it set the axis and pushed a stated "around 300" to a dot near zero.
 * @param {object} conflict one entry of the answer's {@code conflicts}
 * @param {{source: (figure) => {name: string, detail: string|null}, sources: (figure) => Element|null,
 *   citeButton: (figure) => Element}} context
 */
export function renderFigureChart(conflict, context) {
  const figures = Array.isArray(conflict.figures) ? conflict.figures : [];
  const stated = figures.filter((figure) => !figure.derived);
  const derived = figures.filter((figure) => figure.derived);
  const chart = el('div', { class: 'figure-chart' });
  if (stated.length === 0 || derived.length === 0) {
    chart.append(...drawFigures(stated.concat(derived), context));
    return chart;
  }
  const drawing = el('div', { class: 'figure-chart-body', id: uid('figures') });
  const toggle = el('button', {
    type: 'button', class: 'derived-toggle', 'aria-expanded': 'false', 'aria-controls': drawing.id,
    onclick: () => show(toggle.getAttribute('aria-expanded') !== 'true'),
  });
  const show = (withDerived) => {
    drawing.replaceChildren(...drawFigures(withDerived ? stated.concat(derived) : stated, context));
    toggle.setAttribute('aria-expanded', String(withDerived));
    toggle.textContent = withDerived
      ? 'Hide the derived figures'
      : `Show ${derived.length} derived ${derived.length === 1 ? 'figure' : 'figures'} (computed by Crosscheck, not stated by a source)`;
  };
  show(false);
  chart.append(drawing, toggle);
  return chart;
}

/** One chart group per unit family, then the figures without numeric bounds. */
function drawFigures(figures, context) {
  const groups = new Map();
  const textOnly = [];
  for (const figure of figures) {
    const scale = scaleOf(figure);
    if (!scale) {
      textOnly.push(figure);
      continue;
    }
    if (!groups.has(scale.key)) {
      groups.set(scale.key, { scale, figures: [] });
    }
    groups.get(scale.key).figures.push(figure);
  }

  const parts = [];
  const severalScales = groups.size > 1;
  // the measure's main scale first; shares last, next to the note that explains their separate axis
  const ordered = [...groups.values()].sort((a, b) => Number(Boolean(a.scale.percent)) - Number(Boolean(b.scale.percent))
      || b.figures.length - a.figures.length);
  for (const group of ordered) {
    parts.push(renderGroup(group, severalScales, context));
  }
  if (severalScales && groups.has('percent')) {
    parts.push(el('p', { class: 'chart-note' },
      'Percentages are drawn on their own scale: a share depends on its base, which sources may count differently.'));
  }
  if (textOnly.length > 0) {
    parts.push(renderTextOnly(textOnly, groups.size > 0, context));
  }
  return parts;
}

function renderGroup({ scale, figures }, labelled, context) {
  const domainMax = niceMax(figures, scale);
  const ticks = tickValues(domainMax, scale);
  const position = (value) => Math.max(0, Math.min(100, (value * scale.factor / domainMax) * 100));
  const group = el('div', { class: 'chart-group', dataset: { scale: scale.key } });
  if (labelled) {
    group.append(el('p', { class: 'chart-group-title' }, scale.title,
      scale.unitLabel ? el('span', { class: 'chart-unit' }, ` (${scale.unitLabel})`) : null));
  }
  const rows = el('ul', { class: 'figure-rows', role: 'list' });
  for (const figure of figures) {
    rows.append(renderRow(figure, scale, position, ticks, context));
  }
  group.append(rows, renderAxis(ticks, position, scale));
  return group;
}

function renderRow(figure, scale, position, ticks, context) {
  const source = context.source(figure);
  const shape = shapeOf(figure);
  const row = el('li', {
    class: ['figure-row', figure.derived && 'is-derived'],
    dataset: { articleId: figure.articleId || '', shape, sources: sourceCount(figure) },
  });
  row.append(
    el('div', { class: 'figure-source' },
      el('span', { class: 'figure-outlet', title: source.full || null }, source.name),
      figure.derived ? el('span', { class: 'tag tag-derived' }, 'derived') : null,
      source.detail ? el('span', { class: 'figure-attribution' }, source.detail) : null,
      context.sources(figure)),
    el('div', { class: 'figure-track' },
      drawTrack(figure, shape, scale, position, ticks),
      el('span', { class: 'visually-hidden' }, describe(figure, shape, scale))),
    el('div', { class: 'figure-value' },
      el('span', { class: 'figure-value-text' },
        el('q', { class: 'figure-verbatim' }, figure.value || ''),
        figure.derived ? el('span', { class: 'figure-computed' }, computed(figure, shape, scale)) : null),
      context.citeButton(figure)));
  return row;
}

/** How many articles report the figure (one when an older answer lists no sources). */
function sourceCount(figure) {
  return String(Math.max(1, (figure.sources || []).length));
}

/** point, range, open-high ("at least"), open-low ("up to"). */
function shapeOf(figure) {
  const low = finite(figure.low);
  const high = finite(figure.high);
  if (low !== null && high !== null) {
    return low === high ? 'point' : 'range';
  }
  return low !== null ? 'open-high' : 'open-low';
}

const TRACK_HEIGHT = 28;
const MID = TRACK_HEIGHT / 2;
const BAR = 10;

function drawTrack(figure, shape, scale, position, ticks) {
  const id = uid('fig');
  const derived = Boolean(figure.derived);
  const paint = derived ? `url(#${id}-hatch)` : 'var(--figure)';
  const track = svg('svg', {
    class: 'track', width: '100%', height: TRACK_HEIGHT, 'aria-hidden': 'true', focusable: 'false',
  });
  const defs = svg('defs');
  track.append(defs);
  if (derived) {
    defs.append(svg('pattern', { id: `${id}-hatch`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svg('rect', { width: 6, height: 6, class: 'hatch-bg' }),
      svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' })));
  }
  for (const tick of ticks) {
    const x = `${position(tick / scale.factor)}%`;
    track.append(svg('line', { class: 'gridline', x1: x, x2: x, y1: 0, y2: TRACK_HEIGHT }));
  }
  const low = finite(figure.low);
  const high = finite(figure.high);
  const outline = derived ? 'derived-outline' : null;

  if (shape === 'point') {
    track.append(svg('circle', {
      class: ['dot', derived && 'dot-derived'], cx: `${position(low)}%`, cy: MID, r: derived ? 7 : 6, style: derived ? `fill: ${paint}` : null,
    }));
  } else if (shape === 'range') {
    const x1 = position(low);
    const x2 = position(high);
    track.append(
      svg('rect', { class: ['bar', outline], x: `${x1}%`, y: MID - BAR / 2, width: `${Math.max(x2 - x1, 0.5)}%`, height: BAR, rx: 3, style: `fill: ${paint}` }),
      svg('line', { class: 'cap', x1: `${x1}%`, x2: `${x1}%`, y1: MID - 8, y2: MID + 8 }),
      svg('line', { class: 'cap', x1: `${x2}%`, x2: `${x2}%`, y1: MID - 8, y2: MID + 8 }));
  } else if (shape === 'open-high') {
    const x1 = position(low);
    defs.append(fade(`${id}-fade`, 1, 0.08));
    // Node.append prints a null argument as the text "null": the absent derived overlay is filtered out
    track.append(...present(
      svg('rect', { class: 'bar-open', x: `${x1}%`, y: MID - BAR / 2, width: `${100 - x1}%`, height: BAR, fill: `url(#${id}-fade)` }),
      derived ? svg('rect', { class: ['bar-open', outline], x: `${x1}%`, y: MID - BAR / 2, width: `${100 - x1}%`, height: BAR, style: `fill: ${paint}; fill-opacity: 0.45` }) : null,
      svg('line', { class: 'cap', x1: `${x1}%`, x2: `${x1}%`, y1: MID - 8, y2: MID + 8 }),
      arrowHead('100%', 'right')));
  } else {
    const x2 = position(high);
    defs.append(fade(`${id}-fade`, 0.08, 1));
    // Node.append prints a null argument as the text "null": the absent derived overlay is filtered out
    track.append(...present(
      svg('rect', { class: 'bar-open', x: '0%', y: MID - BAR / 2, width: `${x2}%`, height: BAR, fill: `url(#${id}-fade)` }),
      derived ? svg('rect', { class: ['bar-open', outline], x: '0%', y: MID - BAR / 2, width: `${x2}%`, height: BAR, style: `fill: ${paint}; fill-opacity: 0.45` }) : null,
      svg('line', { class: 'cap', x1: `${x2}%`, x2: `${x2}%`, y1: MID - 8, y2: MID + 8 }),
      arrowHead('0%', 'left')));
  }
  return track;
}

function present(...nodes) {
  return nodes.filter((node) => node !== null && node !== undefined);
}

function fade(id, from, to) {
  return svg('linearGradient', { id, x1: 0, x2: 1, y1: 0, y2: 0 },
    svg('stop', { offset: 0, class: 'fade-stop', 'stop-opacity': from }),
    svg('stop', { offset: 1, class: 'fade-stop', 'stop-opacity': to }));
}

/** A small arrowhead at the axis end (or at zero), meaning "the figure is open on this side". */
function arrowHead(x, direction) {
  const points = direction === 'right' ? `0,${MID - 6} 8,${MID} 0,${MID + 6}` : `0,${MID - 6} -8,${MID} 0,${MID + 6}`;
  return svg('svg', { x, y: 0, width: 1, height: TRACK_HEIGHT, overflow: 'visible', class: 'arrow' },
    svg('polygon', { points }));
}

function renderAxis(ticks, position, scale) {
  const axis = svg('svg', { class: 'axis', width: '100%', height: 22, 'aria-hidden': 'true', focusable: 'false' });
  axis.append(svg('line', { class: 'axis-line', x1: '0%', x2: '100%', y1: 1, y2: 1 }));
  ticks.forEach((tick, index) => {
    const x = `${position(tick / scale.factor)}%`;
    const anchor = index === 0 ? 'start' : index === ticks.length - 1 ? 'end' : 'middle';
    axis.append(
      svg('line', { class: 'axis-tick', x1: x, x2: x, y1: 1, y2: 5 }),
      svg('text', { x, y: 18, 'text-anchor': anchor }, tickLabel(tick, scale)));
  });
  return el('div', { class: 'figure-axis' },
    el('div', { class: 'figure-axis-track' }, axis),
    scale.unitLabel ? el('span', { class: 'figure-axis-unit' }, scale.unitLabel) : null);
}

function tickLabel(value, scale) {
  const text = Math.abs(value) >= 100000 ? compactFormat.format(value) : numberFormat.format(value);
  return scale.percent ? `${text}%` : text;
}

/** Axis maximum: a round number above every bound, with headroom for open-ended bars to point past. */
function niceMax(figures, scale) {
  let max = 0;
  let open = false;
  for (const figure of figures) {
    for (const bound of [finite(figure.low), finite(figure.high)]) {
      if (bound !== null) {
        max = Math.max(max, bound * scale.factor);
      }
    }
    open ||= finite(figure.high) === null;
  }
  if (max <= 0) {
    return 1;
  }
  const target = open ? max * 1.25 : max * 1.05;
  if (scale.percent && target > 60) {
    return 100;
  }
  const step = niceStep(target / 4);
  return Math.ceil(target / step) * step;
}

function niceStep(raw) {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * magnitude;
}

function tickValues(max, scale) {
  const step = niceStep(max / 4);
  const ticks = [];
  for (let value = 0; value <= max + step / 1000; value += step) {
    ticks.push(Number(value.toPrecision(12)));
  }
  return ticks.length >= 2 ? ticks : [0, max];
}

/** A derived figure's own number, which its verbatim source phrase does not show ("up to 40%" → "≤ 4,400"). */
function computed(figure, shape, scale) {
  const unit = scale.percent ? '%' : '';
  const fmt = (value) => `${numberFormat.format(value)}${unit}`;
  switch (shape) {
    case 'point': return `= ${fmt(figure.low)}`;
    case 'range': return `= ${fmt(figure.low)}–${fmt(figure.high)}`;
    case 'open-high': return `≥ ${fmt(figure.low)}`;
    default: return `≤ ${fmt(figure.high)}`;
  }
}

/** The row's meaning for screen readers, since the drawing itself is hidden from them. */
function describe(figure, shape, scale) {
  const unit = scale.percent ? '%' : scale.key === 'duration' ? ` ${(figure.unit || '').trim()}` : scale.unitLabel ? ` ${scale.unitLabel}` : '';
  const fmt = (value) => `${numberFormat.format(value)}${unit}`;
  const kind = figure.derived ? 'Derived figure' : 'Reported figure';
  switch (shape) {
    case 'point': return `${kind}: ${fmt(figure.low)}.`;
    case 'range': return `${kind}: between ${fmt(figure.low)} and ${fmt(figure.high)}.`;
    case 'open-high': return `${kind}: at least ${fmt(figure.low)}, no upper bound given.`;
    default: return `${kind}: up to ${fmt(figure.high)}, no lower bound given.`;
  }
}

function renderTextOnly(figures, afterChart, context) {
  const list = el('ul', { class: 'figure-text-list', role: 'list' });
  for (const figure of figures) {
    const source = context.source(figure);
    list.append(el('li', { class: ['figure-row', 'figure-row-text'], dataset: { articleId: figure.articleId || '', shape: 'text', sources: sourceCount(figure) } },
      el('q', { class: 'figure-verbatim' }, figure.value || ''),
      el('span', { class: 'figure-text-source' },
        ' — ', el('span', { class: 'figure-outlet', title: source.full || null }, source.name),
        source.detail ? `, ${source.detail}` : ''),
      figure.derived ? el('span', { class: 'tag tag-derived' }, 'derived') : null,
      context.citeButton(figure),
      context.sources(figure)));
  }
  return el('div', { class: 'figure-text' },
    el('p', { class: 'chart-group-title' }, afterChart ? 'Not on a numeric scale' : 'Reported as'),
    list);
}
