// The CouchCart demo TV app: a 10-foot interface driven by a remote (arrow keys, Enter = OK, Escape/Backspace =
// Back). Plays a content (a <video> when ?media= names one, else a demo clock), shows its overlays at their media
// times, adds to the cart with OK and hands the cart off to a phone.
'use strict';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = { config: null, token: null, mediaMs: 0, playing: true, durationMs: 600000, overlays: [], window: null,
  etag: null, shown: new Map(), impressions: [], cart: null, handoff: null, events: null, countdown: null };

// ---- The stage: 1920×1080, scaled to the window -------------------------------------------------------------
function fit() {
  const scale = Math.min(innerWidth / 1920, innerHeight / 1080);
  const stage = $('stage');
  stage.style.transform = `scale(${scale})`;
  stage.style.left = `${(innerWidth - 1920 * scale) / 2}px`;
  stage.style.top = `${(innerHeight - 1080 * scale) / 2}px`;
}
addEventListener('resize', fit);

// ---- Talking to the service: retries with backoff, words a viewer understands --------------------------------
function banner(message) {
  $('banner').textContent = message || '';
  $('banner').hidden = !message;
}

async function call(path, options = {}, attempt = 0) {
  const headers = { ...(options.headers || {}) };
  if (state.token && !options.anonymous) headers.Authorization = `Bearer ${state.token}`;
  if (options.body) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (error) {
    response = null;
  }
  if (!response || response.status === 503 || response.status === 502) {
    // The shop is briefly away: say so, wait longer each time, and try again.
    const wait = Math.min(500 * 2 ** attempt, 8000);
    banner('The shop is not reachable right now. Trying again…');
    await new Promise((resolve) => setTimeout(resolve, wait));
    return call(path, options, attempt + 1);
  }
  banner('');
  if (response.status === 401 && !options.anonymous && attempt === 0) {
    await openSession(true);
    return call(path, options, attempt + 1);
  }
  return response;
}

async function json(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((body && body.detail) || `The shop answered ${response.status}.`);
    error.status = response.status;
    throw error;
  }
  return body;
}

// ---- Configuration and the device session ---------------------------------------------------------------------
async function configure() {
  if (params.get('tenant') && params.get('key') && (params.get('content') || params.get('channel'))) {
    return { tenant: params.get('tenant'), appKey: params.get('key'), contentId: params.get('content') || params.get('channel'),
      live: params.has('channel') };
  }
  const demo = await json(await call('/tv/demo.json', { anonymous: true }));
  // /tv/?live shows the demo's live channel instead of its video.
  return params.has('live') ? { ...demo, contentId: demo.channelId, live: true } : demo;
}

function deviceId() {
  let id = localStorage.getItem('couchcart.deviceId');
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem('couchcart.deviceId', id);
  }
  return id;
}

async function openSession(fresh) {
  const stored = localStorage.getItem('couchcart.session');
  if (stored && !fresh) {
    state.token = stored;
    return;
  }
  const session = await json(await call('/api/tv/sessions', {
    method: 'POST', anonymous: true, headers: { 'X-Tenant-Key': state.config.appKey },
    body: JSON.stringify({ tenant: state.config.tenant, deviceId: deviceId(), model: 'CouchCart demo',
      locale: navigator.language || 'en' }),
  }));
  state.token = session.sessionToken;
  localStorage.setItem('couchcart.session', state.token);
}

// ---- The player: a video's time, or a demo clock ---------------------------------------------------------------
const format = (ms) => {
  const seconds = Math.floor(ms / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
};

function setupPlayer() {
  const video = $('video');
  if (params.get('media')) {
    video.src = params.get('media');
    video.hidden = false;
    $('demo-screen').hidden = true;
    video.play().catch(() => {});
  }
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (!video.hidden) {
      state.mediaMs = Math.round(video.currentTime * 1000);
      state.playing = !video.paused;
    } else if (state.playing) {
      state.mediaMs = Math.min(state.mediaMs + (now - last), state.durationMs);
    }
    last = now;
    $('clock').textContent = format(state.mediaMs);
    $('progress-bar').style.width = `${(100 * state.mediaMs) / state.durationMs}%`;
    tick();
  }, 250);
}

function seek(deltaMs) {
  const video = $('video');
  if (!video.hidden) {
    video.currentTime = Math.max(0, video.currentTime + deltaMs / 1000);
  } else {
    state.mediaMs = Math.max(0, Math.min(state.mediaMs + deltaMs, state.durationMs));
  }
  tick();
}

function togglePlay() {
  const video = $('video');
  if (!video.hidden) {
    if (video.paused) video.play(); else video.pause();
  }
  state.playing = !state.playing;
  $('play').textContent = state.playing ? 'Pause' : 'Play';
}

// ---- Overlays: prefetch a window ahead of the playhead, show each while the playhead is inside it ----------------
const WINDOW_MS = 120000;

async function prefetch() {
  const from = Math.floor(state.mediaMs / 1000) * 1000;
  const path = `/api/tv/${encodeURIComponent(state.config.tenant)}/contents/${encodeURIComponent(state.config.contentId)}`
    + `/overlays?from=${from}&to=${from + WINDOW_MS}`;
  const response = await call(path, { anonymous: true, headers: state.etag && state.window && state.window.path === path
    ? { 'If-None-Match': state.etag } : {} });
  if (response.status === 304) return;
  const body = await json(response);
  state.overlays = body.overlays;
  state.etag = response.headers.get('ETag');
  state.window = { path, from, to: from + WINDOW_MS };
}

let fetching = false;
function tick() {
  if (state.config.live) {
    showVisible(state.overlays.filter((cue) => cue.endsAt > Date.now()));
    return;
  }
  const win = state.window;
  // Refetch before the window ends (or after a seek out of it).
  if (!fetching && (!win || state.mediaMs < win.from || state.mediaMs > win.to - WINDOW_MS / 4)) {
    fetching = true;
    prefetch().catch(() => {}).finally(() => { fetching = false; });
  }
  showVisible(state.overlays.filter((cue) => cue.startMs <= state.mediaMs && state.mediaMs < cue.endMs));
}

/** Shows these overlays and takes away the others. */
function showVisible(visible) {
  const ids = new Set(visible.map((cue) => cue.id));
  for (const [id, node] of state.shown) {
    if (!ids.has(id)) {
      if (document.activeElement === node) focusFirst();
      node.remove();
      state.shown.delete(id);
    }
  }
  visible.forEach((cue) => { if (!state.shown.has(cue.id)) showOverlay(cue); });
}

function showOverlay(cue) {
  const card = document.createElement('button');
  card.className = 'overlay focusable';
  card.dataset.overlay = cue.id;
  card.dataset.zone = 'overlays';
  const thumb = document.createElement('div');
  thumb.className = 'thumb';
  thumb.textContent = cue.product.title.charAt(0);
  if (cue.product.imageUrl) {
    const image = document.createElement('img');
    image.alt = '';
    image.src = cue.product.imageUrl;
    image.onerror = () => image.remove();
    image.onload = () => { thumb.textContent = ''; thumb.append(image); };
  }
  const text = document.createElement('div');
  text.innerHTML = '<div class="title"></div><div class="price"></div><div class="cta"></div>';
  text.querySelector('.title').textContent = cue.product.title;
  text.querySelector('.price').textContent = money(cue.product.price);
  text.querySelector('.cta').textContent = cue.cta || 'Press OK to add';
  card.append(thumb, text);
  place(card, cue.placement);
  card.addEventListener('click', () => addToCart(cue));
  card.cue = cue;
  $('overlays').append(card);
  state.shown.set(cue.id, card);
  report('impression', cue);
  if (!document.querySelector('.modal:not([hidden]), .panel:not([hidden])')) card.focus();
}

/**
 * Puts the card's anchor corner (or its centre) at (x%, y%) of the player, measured from its top left, then
 * moves it inside the player if it would stick out.
 */
function place(card, placement) {
  const { anchor, x, y } = placement;
  const area = $('overlays');
  requestAnimationFrame(() => {
    const width = card.offsetWidth / area.clientWidth * 100;
    const height = card.offsetHeight / area.clientHeight * 100;
    let left = anchor === 'center' ? x - width / 2 : anchor.endsWith('left') ? x : x - width;
    let top = anchor === 'center' ? y - height / 2 : anchor.startsWith('top') ? y : y - height;
    left = Math.min(Math.max(left, 2), 98 - width);
    top = Math.min(Math.max(top, 3), 97 - height);
    card.style.left = `${left}%`;
    card.style.top = `${top}%`;
  });
}

function report(type, cue) {
  state.impressions.push({ type, overlayId: cue.id, at: Math.round(state.mediaMs), contentId: state.config.contentId });
}

async function flushInteractions() {
  if (!state.impressions.length || !state.token) return;
  const events = state.impressions.splice(0, 500);
  const response = await call('/api/tv/interactions', { method: 'POST', body: JSON.stringify({ events }) }).catch(() => null);
  if (!response || !response.ok) state.impressions.unshift(...events.slice(0, 500 - state.impressions.length));
}

/** A live channel: cues arrive as server-sent events (those still running first) and stay for their remaining time. */
function followLiveCues() {
  const stream = new EventSource(`/api/tv/${encodeURIComponent(state.config.tenant)}/channels/`
    + `${encodeURIComponent(state.config.contentId)}/cues`);
  stream.addEventListener('cue', (event) => {
    const cue = JSON.parse(event.data);
    cue.endsAt = Date.now() + cue.remainingMs;
    state.overlays = [...state.overlays.filter((known) => known.id !== cue.id && known.endsAt > Date.now()), cue];
    tick();
  });
  stream.onerror = () => banner(stream.readyState === EventSource.CLOSED ? 'The live channel cannot be reached.' : '');
  stream.onopen = () => banner('');
}

// ---- The cart --------------------------------------------------------------------------------------------------
const money = (m) => `${m.currency === 'CNY' ? '¥' : `${m.currency} `}${m.amount}`;

function toast(message) {
  $('toast').textContent = message;
  $('toast').hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { $('toast').hidden = true; }, 2500);
}

async function addToCart(cue) {
  try {
    // One press, one event id: a repeated request (a retry) adds nothing more.
    const cart = await json(await call('/api/tv/cart/items', { method: 'POST', body: JSON.stringify({
      sku: cue.product.sku, quantity: 1, overlayId: cue.id, contentId: state.config.contentId, eventId: crypto.randomUUID() }) }));
    showCart(cart);
    toast(`Added ${cue.product.title} to your cart`);
  } catch (error) {
    toast(error.status === 409 ? error.message : `Could not add it: ${error.message}`);
  }
}

function showCart(cart) {
  state.cart = cart;
  $('cart-count').textContent = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
  $('cart-total').textContent = money(cart.total);
  $('cart-lines').replaceChildren(...cart.lines.map((line) => {
    const item = document.createElement('li');
    item.innerHTML = '<span class="name"></span><strong class="amount"></strong><div class="line-actions"></div>';
    item.querySelector('.name').textContent = `${line.quantity} × ${line.title}`;
    item.querySelector('.amount').textContent = line.availability === 'AVAILABLE' ? money(line.lineTotal) : 'unavailable';
    const actions = item.querySelector('.line-actions');
    [['−', () => changeQuantity(line, line.quantity - 1)], ['+', () => changeQuantity(line, line.quantity + 1)],
      ['Remove', () => changeQuantity(line, 0)]].forEach(([label, action]) => {
      const button = document.createElement('button');
      button.className = 'focusable';
      button.dataset.line = line.sku;
      button.textContent = label;
      button.addEventListener('click', action);
      actions.append(button);
    });
    return item;
  }));
  $('checkout').disabled = cart.lines.length === 0;
}

async function changeQuantity(line, quantity) {
  const path = `/api/tv/cart/items/${encodeURIComponent(line.sku)}`;
  try {
    const response = quantity === 0
      ? await call(path, { method: 'DELETE' })
      : await call(path, { method: 'PATCH', body: JSON.stringify({ quantity }) });
    showCart(await json(response));
    const same = document.querySelector(`[data-line="${CSS.escape(line.sku)}"]`);
    (same || $('checkout')).focus();
  } catch (error) {
    toast(error.message);
  }
}

async function openCart() {
  showCart(await json(await call('/api/tv/cart')));
  $('cart-panel').hidden = false;
  focusFirst();
}

function closeCart() {
  $('cart-panel').hidden = true;
  $('cart-button').focus();
}

// ---- The handoff to the phone ----------------------------------------------------------------------------------
function handoffStep(step) {
  ['pending', 'claimed', 'done', 'expired'].forEach((name) => { $(`handoff-${name}`).hidden = name !== step; });
  focusFirst();
}

async function startHandoff() {
  closeHandoffStream();
  $('cart-panel').hidden = true;
  $('handoff').hidden = false;
  let handoff;
  try {
    handoff = await json(await call('/api/tv/handoffs', { method: 'POST' }));
  } catch (error) {
    $('handoff').hidden = true;
    toast(error.status === 409 ? 'Your cart is empty. Add something first.' : error.message);
    focusFirst();
    return;
  }
  state.handoff = handoff;
  $('qr').src = `/api/tv/handoffs/${handoff.handoffId}/qr.svg?size=420`;
  $('user-code').textContent = handoff.userCode;
  $('handoff-url').textContent = handoff.verificationUri.replace(/^https?:\/\//, '');
  handoffStep('pending');
  let left = handoff.expiresIn;
  const render = () => { $('countdown').textContent = format(left * 1000); };
  render();
  state.countdown = setInterval(() => { left = Math.max(0, left - 1); render(); }, 1000);
  // Server-sent status, from whichever instance the phone talks to; EventSource reconnects by itself.
  state.events = new EventSource(`/api/tv/handoffs/${handoff.handoffId}/events`);
  state.events.addEventListener('status', (event) => onHandoffStatus(JSON.parse(event.data)));
}

async function onHandoffStatus(status) {
  if (status.status === 'CLAIMED') {
    handoffStep('claimed');
  } else if (status.status === 'COMPLETED') {
    closeHandoffStream();
    const order = await json(await call(`/api/tv/orders/${status.orderId}`));
    $('order-number').textContent = order.number;
    $('order-status').textContent = order.status.toLowerCase();
    $('order-total').textContent = money(order.total);
    handoffStep('done');
    showCart(await json(await call('/api/tv/cart')));
  } else if (status.status === 'EXPIRED' || status.status === 'CANCELLED') {
    closeHandoffStream();
    handoffStep('expired');
  }
}

function closeHandoffStream() {
  if (state.events) state.events.close();
  state.events = null;
  clearInterval(state.countdown);
}

function closeHandoff() {
  closeHandoffStream();
  $('handoff').hidden = true;
  $('cart-button').focus();
}

// ---- The remote: spatial focus, OK and Back --------------------------------------------------------------------
function layer() {
  if (!$('handoff').hidden) return $('handoff');
  if (!$('cart-panel').hidden) return $('cart-panel');
  return document.querySelector('.safe');
}

function focusables() {
  return [...layer().querySelectorAll('.focusable')].filter((node) => !node.disabled && node.offsetParent !== null);
}

function focusFirst() {
  const candidates = focusables();
  const preferred = candidates.find((node) => node.classList.contains('primary') || node.classList.contains('overlay'));
  (preferred || candidates[0] || document.body).focus();
}

/** Moves the focus to the nearest control in the arrow's direction, preferring those within 45° of it. */
function move(direction) {
  const current = document.activeElement;
  const candidates = focusables();
  if (!candidates.includes(current)) { focusFirst(); return; }
  const from = current.getBoundingClientRect();
  const cx = from.left + from.width / 2;
  const cy = from.top + from.height / 2;
  const ahead = candidates.filter((node) => node !== current).map((node) => {
    const to = node.getBoundingClientRect();
    const dx = to.left + to.width / 2 - cx;
    const dy = to.top + to.height / 2 - cy;
    const along = { ArrowRight: dx, ArrowLeft: -dx, ArrowDown: dy, ArrowUp: -dy }[direction];
    const across = direction === 'ArrowLeft' || direction === 'ArrowRight' ? Math.abs(dy) : Math.abs(dx);
    return { node, along, across, distance: Math.hypot(along, 2 * across) };
  }).filter((candidate) => candidate.along > 1);
  const inCone = ahead.filter((candidate) => candidate.across <= candidate.along);
  const pool = inCone.length ? inCone : ahead;
  pool.sort((a, b) => a.distance - b.distance);
  if (pool.length) {
    pool[0].node.focus();
    // The viewer moved onto an overlay: a click in the campaign funnel (an OK on it is an add).
    if (pool[0].node.cue) report('click', pool[0].node.cue);
  }
}

function back() {
  if (!$('handoff').hidden) closeHandoff();
  else if (!$('cart-panel').hidden) closeCart();
}

document.addEventListener('keydown', (event) => {
  if (event.key.startsWith('Arrow')) {
    event.preventDefault();
    move(event.key);
  } else if (event.key === 'Enter') {
    event.preventDefault();
    // A held OK key repeats: only the first press counts.
    if (!event.repeat && document.activeElement && document.activeElement.classList.contains('focusable')) {
      document.activeElement.click();
    }
  } else if (event.key === 'Escape' || event.key === 'Backspace' || event.key === 'GoBack') {
    event.preventDefault();
    back();
  }
});
// Clicks by mouse work too, but are never needed; a click outside any control must not lose focus.
document.addEventListener('focusout', () => setTimeout(() => {
  if (!layer().contains(document.activeElement)) focusFirst();
}, 0));

// ---- Start -----------------------------------------------------------------------------------------------------
async function start() {
  fit();
  state.config = await configure();
  $('content-title').textContent = state.config.contentId;
  $('demo-title').textContent = state.config.contentId.replace(/^vod-/, '').replace(/-/g, ' ');
  await openSession(false);
  $('cart-button').addEventListener('click', () => openCart().catch((error) => toast(error.message)));
  $('close-cart').addEventListener('click', closeCart);
  $('checkout').addEventListener('click', startHandoff);
  $('new-code').addEventListener('click', startHandoff);
  $('close-handoff').addEventListener('click', closeHandoff);
  $('play').addEventListener('click', togglePlay);
  $('back10').addEventListener('click', () => seek(-10000));
  $('fwd10').addEventListener('click', () => seek(10000));
  $('duration').textContent = format(state.durationMs);
  showCart(await json(await call('/api/tv/cart')));
  setupPlayer();
  if (state.config.live) {
    $('demo-title').textContent = `${state.config.contentId.replace(/-/g, ' ')} · live`;
    followLiveCues();
  }
  setInterval(() => flushInteractions(), 5000);
  focusFirst();
}

start().catch((error) => banner(`The TV app could not start: ${error.message}`));
