// The chat API: the streaming endpoint first (Server-Sent Events over a POST, which EventSource cannot send),
// the plain JSON endpoint when streaming is unavailable. Errors arrive as RFC 9457 problem JSON.

/** An error reported by the service, carrying the problem's title and detail. */
export class ApiError extends Error {
  constructor(title, detail, status) {
    super(detail || title || 'The request failed.');
    this.title = title || 'Something went wrong';
    this.detail = detail || 'The request failed.';
    this.status = status;
  }
}

/** The API key the user entered, kept for this tab only: sessionStorage ends with the browser session. */
const KEY_STORAGE = 'crosscheck.apiKey';

let keyPrompt = null;
let pendingPrompt = null;

/**
 * Registers the page's way of asking for an API key: called with {rejected} when the service answers 401, it resolves
 * with the key or null when the user declines. Without one, a 401 is an error like any other.
 */
export function onKeyNeeded(prompt) {
  keyPrompt = prompt;
}

/** fetch with the session's key as a Bearer token; a 401 asks for a key (again) and repeats the request. */
async function send(url, init = {}) {
  for (;;) {
    const key = sessionStorage.getItem(KEY_STORAGE);
    const headers = new Headers(init.headers);
    if (key) {
      headers.set('Authorization', `Bearer ${key}`);
    }
    const response = await fetch(url, { ...init, headers });
    if (response.status !== 401 || !keyPrompt) {
      return response;
    }
    sessionStorage.removeItem(KEY_STORAGE);
    // requests that fail together (the page's first loads) share one prompt
    pendingPrompt ??= keyPrompt({ rejected: key !== null }).finally(() => { pendingPrompt = null; });
    const entered = await pendingPrompt;
    if (!entered) {
      return response;
    }
    sessionStorage.setItem(KEY_STORAGE, entered);
  }
}

/** Statuses meaning "no usable stream here" rather than "your request is wrong". */
const STREAM_UNAVAILABLE = new Set([404, 405, 406, 415, 501, 502]);

/**
 * Asks a question and resolves with the answer contract.
 * @param {{question: string, conversationId?: string}} request
 * @param {{onDelta?: (text: string) => void, signal?: AbortSignal}} options
 */
export async function ask(request, { onDelta, signal } = {}) {
  const body = JSON.stringify(request);
  let response;
  try {
    response = await send('api/chat/stream', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body,
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    return askPlain(body, signal);
  }
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    if (STREAM_UNAVAILABLE.has(response.status)) {
      return askPlain(body, signal);
    }
    throw await problemOf(response);
  }
  if (!type.startsWith('text/event-stream') || !response.body) {
    return askPlain(body, signal);
  }
  const answer = await readStream(response.body, onDelta, signal);
  // A stream that closed without its final event (a proxy cut it, say) is retried once without streaming.
  return answer ?? askPlain(body, signal);
}

async function askPlain(body, signal) {
  const response = await send('api/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body,
    signal,
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json();
}

async function readStream(stream, onDelta, signal) {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  const abort = () => reader.cancel().catch(() => {});
  signal?.addEventListener('abort', abort, { once: true });
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) {
        buffer += value;
      }
      const blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
      buffer = done ? '' : blocks.pop();
      for (const block of blocks) {
        const event = parseEvent(block);
        if (!event) {
          continue;
        }
        if (event.name === 'delta') {
          onDelta?.(event.data);
        } else if (event.name === 'answer') {
          return JSON.parse(event.data);
        } else if (event.name === 'error') {
          throw problemFromText(event.data, 500);
        }
      }
      if (done) {
        return null;
      }
    }
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

/** One SSE block: "event:" names it (default "message"), "data:" lines are joined with newlines. */
export function parseEvent(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (line === '' || line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      name = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  return data.length === 0 && name === 'message' ? null : { name, data: data.join('\n') };
}

async function problemOf(response) {
  const text = await response.text().catch(() => '');
  return problemFromText(text, response.status);
}

function problemFromText(text, status) {
  try {
    const problem = JSON.parse(text);
    if (problem && (problem.detail || problem.title)) {
      return new ApiError(problem.title, problem.detail, problem.status ?? status);
    }
  } catch {
    // not problem JSON: fall through to a generic message
  }
  return new ApiError(status >= 500 ? 'The service is unavailable' : 'The request failed',
    status >= 500 ? 'The service could not answer right now. Please try again in a moment.' : `The service answered ${status}.`,
    status);
}

/**
 * How many articles and stories the corpus holds, from one item of each paged list; nulls when unavailable.
 * The page never lists the corpus: an answer carries the titles and outlets of everything it shows.
 */
export async function loadCorpusSize() {
  const total = async (path) => {
    try {
      const response = await send(`${path}?size=1`, { headers: { Accept: 'application/json' } });
      return response.ok ? (await response.json()).total ?? null : null;
    } catch {
      return null;
    }
  };
  const [articles, stories] = await Promise.all([total('api/articles'), total('api/stories')]);
  return { articles, stories };
}
