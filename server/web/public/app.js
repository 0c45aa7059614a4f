import { ApiError, session, whoAmI } from './api.js';
import { createChat } from './chat.js';
import { createDashboard } from './dashboard.js';
import { el } from './format.js';
import { renderRecord } from './record.js';

// The page: sign in (an API key, or nothing as the local user on loopback), then hash routes:
// #/chat, #/dashboard, #/deals/<id>, #/leads/<id> (Slack and Teams answers link to the last two).

const views = {
  signin: document.getElementById('view-signin'),
  chat: document.getElementById('view-chat'),
  dashboard: document.getElementById('view-dashboard'),
  record: document.getElementById('view-record'),
};
const whoNode = document.getElementById('who');
let chat;
let dashboard;

function showView(name) {
  for (const [key, node] of Object.entries(views)) node.hidden = key !== name;
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', link.getAttribute('href') === `#/${name}`);
}

function signIn(message) {
  const key = el('input', { type: 'password', name: 'apiKey', autocomplete: 'off', required: true, placeholder: 'dw_…', 'aria-label': 'API key' });
  const form = el('form', { class: 'signin' }, el('h2', {}, 'Sign in'), el('p', {}, 'Paste your Dealwise API key. It is kept in this tab only.'), message ? el('p', { class: 'error', role: 'alert' }, message) : null, key, el('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    session.setKey(key.value.trim());
    void start();
  });
  views.signin.replaceChildren(form);
  whoNode.replaceChildren();
  showView('signin');
}

function header(who) {
  const name = who.user ? `${who.user.name} · ${who.user.role}` : 'Local user';
  const out = el('button', { type: 'button', class: 'link' }, session.key() ? 'Sign out' : 'Use an API key');
  out.addEventListener('click', () => {
    session.clear();
    signIn();
  });
  whoNode.replaceChildren(el('span', { class: 'who-name' }, name), ' ', out);
}

function route() {
  const hash = location.hash || '#/chat';
  const record = /^#\/(deals|leads)\/([^/]+)$/.exec(hash);
  if (record) {
    showView('record');
    void renderRecord(views.record, record[1], decodeURIComponent(record[2]));
  } else if (hash === '#/dashboard') {
    showView('dashboard');
    void dashboard.load();
  } else {
    showView('chat');
    chat.focus();
  }
}

async function start() {
  const hadKey = Boolean(session.key());
  let who;
  try {
    who = await whoAmI();
  } catch (error) {
    // with a key, the 'dealwise:unauthorized' listener below has shown sign-in with the reason
    if (error instanceof ApiError && error.status === 401) return hadKey ? undefined : signIn();
    throw error;
  }
  header(who);
  views.chat.replaceChildren();
  views.dashboard.replaceChildren();
  chat = createChat(views.chat);
  dashboard = createDashboard(views.dashboard, who);
  route();
}

window.addEventListener('hashchange', () => chat && route());
window.addEventListener('dealwise:unauthorized', (event) => {
  if (!session.key()) return;
  session.clear();
  signIn(`That key was not accepted: ${event.detail?.message ?? 'sign in again'}`);
});
void start();
