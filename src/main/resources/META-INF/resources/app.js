// Crosscheck chat page: asks the service, keeps the conversation thread and shows each answer with its
// citations, its conflicting figures and its sources.

import { ask, ApiError, loadCorpusSize, onKeyNeeded } from './assets/api.js';
import { articleName, renderAnswer } from './assets/answer.js';
import { el, formatDate, safeUrl } from './assets/dom.js';

const form = document.getElementById('composer');
const question = document.getElementById('question');
const askButton = document.getElementById('ask');
const thread = document.getElementById('thread');
const status = document.getElementById('status');
const intro = document.getElementById('intro');
const examples = document.getElementById('examples');
const corpusStatus = document.getElementById('corpus-status');
const popover = document.getElementById('citation-popover');
const keyDialog = document.getElementById('key-dialog');
const keyInput = document.getElementById('key-input');
const keyHint = document.getElementById('key-hint');

const state = {
  conversationId: null,
  pending: null,
  popoverAnchor: null,
};

// A service whose reads need a key answers 401: ask for one (again after a refusal) and keep it for the tab.
onKeyNeeded(({ rejected }) => new Promise((resolve) => {
  keyHint.textContent = rejected
    ? 'That key was not accepted. Check it and try again.'
    : 'This Crosscheck needs an API key. It is kept in this browser tab until you close it.';
  keyInput.value = '';
  keyDialog.returnValue = '';
  keyDialog.addEventListener('close', () => {
    resolve(keyDialog.returnValue === 'ok' ? keyInput.value.trim() || null : null);
  }, { once: true });
  keyDialog.showModal();
}));

loadCorpusSize().then(({ articles, stories }) => {
  if (articles !== null) {
    const inStories = stories !== null ? ` in ${stories} ${stories === 1 ? 'story' : 'stories'}` : '';
    corpusStatus.textContent = `${articles} ${articles === 1 ? 'article' : 'articles'}${inStories} · every conflicting figure shown with its sources`;
  }
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  submit(question.value);
});

question.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});
question.addEventListener('input', autoGrow);

examples.addEventListener('click', (event) => {
  const chip = event.target.closest('.chip');
  if (chip) {
    submit(chip.textContent);
  }
});

document.getElementById('new-conversation').addEventListener('click', () => {
  state.pending?.abort();
  state.conversationId = null;
  closePopover(false);
  thread.replaceChildren();
  intro.hidden = false;
  examples.hidden = false;
  setBusy(false);
  announce('Started a new conversation.');
  question.value = '';
  autoGrow();
  question.focus();
});

function autoGrow() {
  question.style.height = 'auto';
  question.style.height = `${Math.min(question.scrollHeight, 200)}px`;
}

async function submit(text) {
  const trimmed = text.trim();
  if (trimmed === '' || state.pending) {
    if (trimmed === '') {
      announce('Type a question first.');
      question.focus();
    }
    return;
  }
  question.value = '';
  autoGrow();
  intro.hidden = true;
  examples.hidden = true;

  const turn = el('article', { class: 'turn' },
    el('div', { class: 'bubble-question' }, el('span', { class: 'visually-hidden' }, 'You asked: '), trimmed));
  const slot = el('div', { class: 'answer-slot', 'aria-busy': 'true' }, loadingView());
  turn.append(slot);
  thread.append(turn);
  turn.scrollIntoView({ behavior: 'smooth', block: 'start' });

  const controller = new AbortController();
  state.pending = controller;
  setBusy(true);
  announce('Searching the articles…');

  let streamed = null;
  try {
    const response = await ask({ question: trimmed, conversationId: state.conversationId ?? undefined }, {
      signal: controller.signal,
      onDelta: (delta) => {
        if (!streamed) {
          streamed = el('p', { class: 'answer-stream' });
          slot.replaceChildren(el('div', { class: 'answer' }, el('div', { class: 'answer-text' }, streamed)));
        }
        streamed.append(delta);
      },
    });
    if (controller.signal.aborted) {
      return;
    }
    state.conversationId = response.conversationId || state.conversationId;
    slot.replaceChildren(modeLine(response), renderAnswer(response, { openCitation }));
    announce(answerAnnouncement(response));
  } catch (error) {
    if (error.name === 'AbortError' || controller.signal.aborted) {
      return;
    }
    slot.replaceChildren(errorView(error, trimmed));
    announce(`Error: ${error instanceof ApiError ? error.detail : 'the service could not be reached.'}`);
  } finally {
    slot.removeAttribute('aria-busy');
    if (state.pending === controller) {
      state.pending = null;
      setBusy(false);
    }
  }
}

function setBusy(busy) {
  askButton.disabled = busy;
  askButton.setAttribute('aria-busy', String(busy));
  form.classList.toggle('is-busy', busy);
}

function announce(message) {
  status.textContent = message;
}

function loadingView() {
  return el('div', { class: 'answer-loading' },
    el('span', { class: 'dots', 'aria-hidden': 'true' }, el('span'), el('span'), el('span')),
    'Reading the articles and comparing figures…');
}

function modeLine(response) {
  const llm = response.mode === 'llm';
  return el('p', { class: 'answer-mode' },
    el('span', { class: ['mode', llm ? 'mode-llm' : 'mode-extractive'] }, llm ? 'Generated answer' : 'Extractive answer'),
    llm ? ' checked against the cited passages' : ' composed from the cited sentences');
}

/** The live region reads the answer itself, without its markers; charts and sources stay for browsing. */
function answerAnnouncement(response) {
  const text = (response.answer || '').replace(/\s*\[\d+(?:\s*,\s*\d+)*\]/g, '').replace(/\s+/g, ' ').trim();
  const conflicts = (response.conflicts || []).filter((conflict) => conflict.status === 'conflict').length;
  const note = conflicts > 0 ? ` Sources disagree on ${conflicts} ${conflicts === 1 ? 'measure' : 'measures'}; see Figures by source.` : '';
  const pending = response.analysisPending ? ' Some figures may change: new articles are still being analysed.' : '';
  return `Answer: ${text}${note}${pending}`;
}

function errorView(error, text) {
  const title = error instanceof ApiError ? error.title : 'The service could not be reached';
  const detail = error instanceof ApiError ? error.detail : 'Check your connection and try again.';
  return el('div', { class: 'answer-error', role: 'alert' },
    el('p', { class: 'answer-error-title' }, title),
    el('p', { class: 'answer-error-detail' }, detail),
    el('button', {
      type: 'button', class: 'button button-quiet',
      onclick: (event) => {
        event.currentTarget.closest('.turn').remove();
        submit(text);
      },
    }, 'Try again'));
}

// Citation popover: shows the quoted passage with its source next to the marker (a bottom sheet on phones).

function openCitation(anchor, cite) {
  if (state.popoverAnchor === anchor && !popover.hidden) {
    closePopover(true);
    return;
  }
  closePopover(false);
  // replaceChildren would print a null child as the text "null": absent parts are filtered out first
  document.getElementById('popover-title').replaceChildren(...present(
    cite.n ? el('span', { class: 'popover-n' }, String(cite.n)) : null,
    articleName(cite)));
  document.getElementById('popover-quote').textContent = cite.quote || 'No passage was quoted.';
  const href = safeUrl(cite.url);
  // without a title, articleName already says the outlet and date
  const meta = [cite.title ? cite.outlet : null, cite.attribution ? `according to ${cite.attribution}` : null,
    cite.title ? formatDate(cite.publishedAt) : null].filter(Boolean);
  document.getElementById('popover-meta').replaceChildren(...present(
    meta.length > 0 ? el('span', {}, meta.join(' · ')) : null,
    href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'popover-link' }, 'Open article') : null));
  popover.hidden = false;
  state.popoverAnchor = anchor;
  anchor.setAttribute('aria-expanded', 'true');
  anchor.classList.add('is-active');
  placePopover(anchor);
  highlightSource(anchor, cite.n);
  popover.focus({ preventScroll: true });
}

function present(...nodes) {
  return nodes.filter((node) => node !== null && node !== undefined);
}

function placePopover(anchor) {
  if (window.matchMedia('(max-width: 600px)').matches) {
    popover.style.left = '';
    popover.style.top = '';
    return;
  }
  const rect = anchor.getBoundingClientRect();
  const width = popover.offsetWidth;
  const height = popover.offsetHeight;
  const left = Math.min(Math.max(12, rect.left + rect.width / 2 - width / 2), window.innerWidth - width - 12);
  const below = rect.bottom + 8;
  const top = below + height > window.innerHeight - 12 && rect.top - height - 8 > 12 ? rect.top - height - 8 : below;
  popover.style.left = `${left + window.scrollX}px`;
  popover.style.top = `${top + window.scrollY}px`;
}

function highlightSource(anchor, n) {
  document.querySelectorAll('.is-highlighted').forEach((item) => item.classList.remove('is-highlighted'));
  if (!n) {
    return;
  }
  const passage = anchor.closest('.answer')?.querySelector(`.source-passage[data-n="${CSS.escape(String(n))}"]`);
  passage?.classList.add('is-highlighted');
  passage?.closest('.source')?.classList.add('is-highlighted');
}

function closePopover(restoreFocus) {
  if (popover.hidden) {
    return;
  }
  popover.hidden = true;
  document.querySelectorAll('.is-highlighted').forEach((item) => item.classList.remove('is-highlighted'));
  const anchor = state.popoverAnchor;
  state.popoverAnchor = null;
  if (anchor) {
    anchor.setAttribute('aria-expanded', 'false');
    anchor.classList.remove('is-active');
    if (restoreFocus && anchor.isConnected) {
      anchor.focus();
    }
  }
}

document.getElementById('popover-close').addEventListener('click', () => closePopover(true));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !popover.hidden) {
    closePopover(true);
  }
});
document.addEventListener('pointerdown', (event) => {
  if (!popover.hidden && !popover.contains(event.target) && !event.target.closest('.cite')) {
    closePopover(false);
  }
});
window.addEventListener('resize', () => {
  if (!popover.hidden && state.popoverAnchor) {
    placePopover(state.popoverAnchor);
  }
});
