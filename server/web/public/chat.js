import { streamPost } from './api.js';
import { el, humanize, recordHref } from './format.js';
import { renderMarkdown } from './markdown.js';

// The chat: each turn streams in (tokens as they come, tool calls as progress), changes wait behind
// Approve/Reject buttons, and citations link to the record they came from.

export function createChat(root) {
  let threadId = null;
  const log = el('div', { class: 'chat-log', 'aria-live': 'polite' });
  const input = el('textarea', { name: 'message', rows: 2, placeholder: 'Ask about your pipeline, a deal, a lead…', 'aria-label': 'Message' });
  const send = el('button', { type: 'submit' }, 'Send');
  const form = el('form', { class: 'chat-form' }, input, send);
  const newThread = el('button', { type: 'button', class: 'link', onclick: () => { threadId = null; log.replaceChildren(); input.focus(); } }, 'New conversation');
  root.append(el('div', { class: 'chat-head' }, el('h2', {}, 'Chat'), newThread), log, form);

  const busy = (on) => {
    send.disabled = on;
    input.disabled = on;
  };

  // One assistant bubble per streamed turn (a message, or an approval's decision).
  const runTurn = async (path, body) => {
    const bubble = createBubble();
    log.append(bubble.node);
    busy(true);
    try {
      await streamPost(path, body, (event) => {
        if (event.type === 'thread') threadId = event.threadId;
        else if (event.type === 'approval_required') bubble.approval(event, (decision) => runTurn(`/v1/chat/${encodeURIComponent(threadId)}/approvals/${encodeURIComponent(event.approvalId)}`, { decision }));
        else bubble.apply(event);
        log.scrollTop = log.scrollHeight;
      });
    } catch (error) {
      bubble.apply({ type: 'error', code: error.code ?? 'network', message: error.message });
    } finally {
      bubble.done();
      busy(false);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    input.value = '';
    log.append(el('div', { class: 'msg user' }, message));
    void runTurn('/v1/chat', { ...(threadId ? { threadId } : {}), message });
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  return { focus: () => input.focus() };
}

function createBubble() {
  const progress = el('ul', { class: 'progress' });
  const text = el('div', { class: 'answer streaming' });
  const extras = el('div', { class: 'extras' });
  const node = el('div', { class: 'msg assistant', dataset: { state: 'streaming' } }, progress, text, extras);
  let streamed = '';
  const steps = new Map();

  return {
    node,
    apply(event) {
      switch (event.type) {
        case 'agent':
          progress.append(el('li', { class: 'agent' }, `${humanize(event.agent)} agent`));
          break;
        case 'tool_start': {
          const step = el('li', { class: 'tool running' }, `${event.name} …`);
          steps.set(event.callId, step);
          progress.append(step);
          break;
        }
        case 'tool_end': {
          const step = steps.get(event.callId) ?? progress.appendChild(el('li'));
          step.className = `tool ${event.ok ? 'ok' : 'failed'}`;
          step.textContent = `${event.name} ${event.ok ? '✓' : `✗ ${event.error?.message ?? ''}`}`;
          break;
        }
        case 'token':
          // shown as plain text while it streams; the answer event replaces it with the formatted text
          streamed += event.text;
          text.textContent = streamed;
          break;
        case 'answer':
          if (event.text) text.replaceChildren(renderMarkdown(event.text));
          text.classList.remove('streaming');
          if (event.citations?.length) extras.append(citationList(event.citations));
          node.dataset.state = 'answered';
          break;
        case 'error':
          extras.append(el('p', { class: 'error', role: 'alert' }, event.message));
          node.dataset.state = 'error';
          break;
      }
    },
    approval(event, decide) {
      // the proposed call stops here until someone decides
      const waiting = [...steps.values()].reverse().find((step) => step.classList.contains('running') && step.textContent.startsWith(event.tool));
      if (waiting) waiting.textContent = `${event.tool} – waiting for approval`;
      const approve = el('button', { type: 'button', class: 'approve' }, 'Approve');
      const reject = el('button', { type: 'button', class: 'reject' }, 'Reject');
      const status = el('span', { class: 'decision' });
      const card = el(
        'div',
        { class: 'approval', dataset: { approvalId: event.approvalId } },
        el('p', {}, el('strong', {}, 'Approval needed: '), `${event.tool}`),
        el('dl', {}, Object.entries(event.input).flatMap(([key, value]) => [el('dt', {}, humanize(key)), el('dd', {}, typeof value === 'string' ? value : JSON.stringify(value))])),
        previewOf(event.preview),
        el('div', { class: 'buttons' }, approve, reject, status),
      );
      const choose = (decision) => {
        approve.disabled = true;
        reject.disabled = true;
        status.textContent = decision === 'approve' ? 'Approved' : 'Rejected';
        void decide(decision);
      };
      approve.addEventListener('click', () => choose('approve'));
      reject.addEventListener('click', () => choose('reject'));
      extras.append(card);
      node.dataset.state = 'awaiting-approval';
    },
    done() {
      text.classList.remove('streaming');
      if (node.dataset.state === 'streaming') node.dataset.state = 'answered';
    },
  };
}

function previewOf(preview) {
  if (preview === null || preview === undefined) return null;
  return el('details', { class: 'preview' }, el('summary', {}, 'What will change'), el('pre', {}, JSON.stringify(preview, null, 2)));
}

function citationList(citations) {
  return el(
    'div',
    { class: 'citations' },
    el('span', { class: 'label' }, 'Sources: '),
    citations.map((citation) => {
      // the quote names what is cited ("Acme - Renewal (Acme, $12,000) has been in proposal 40 days..."); the label is often a date
      const first = citation.quote ? citation.quote.split(/[\n(]/)[0].trim() : '';
      const quote = first.length > 60 ? `${first.slice(0, 59)}…` : first;
      const label = `${humanize(citation.kind)}: ${quote || citation.label || citation.id}`;
      const href = recordHref(citation.kind, citation.id);
      return href
        ? el('a', { class: 'citation', href, title: citation.quote ?? '', dataset: { kind: citation.kind, id: citation.id } }, label)
        : el('span', { class: 'citation', title: citation.quote ?? '', dataset: { kind: citation.kind, id: citation.id } }, label);
    }),
  );
}
