// The CouchCart demo TV app: a 10-foot interface driven by a remote (arrow keys, Enter = OK, Escape/Backspace =
// Back). Plays a content (a <video> when ?media= names one, else a demo clock), shows its overlays at their media
// times, adds to the cart with OK and hands the cart off to a phone.
'use strict';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = { config: null, token: null, mediaMs: 0, playing: true, durationMs: 600000, overlays: [], window: null,
  etag: null, shown: new Map(), impressions: [], cart: null, handoff: null, events: null, countdown: null,
  heldOut: new Set(), withheld: new Set() };

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

let opening = null;
/** Opens (or reuses) the device session; concurrent callers share one request. */
function openSession(fresh) {
  const key = `couchcart.session.${state.config.tenant}`;
  const stored = localStorage.getItem(key);
  if (stored && !fresh) {
    state.token = stored;
    return Promise.resolve();
  }
  opening = opening || requestSession(key).finally(() => { opening = null; });
  return opening;
}

async function requestSession(key) {
  const session = await json(await call('/api/tv/sessions', {
    method: 'POST', anonymous: true, headers: { 'X-Tenant-Key': state.config.appKey },
    body: JSON.stringify({ tenant: state.config.tenant, deviceId: deviceId(), model: 'CouchCart demo',
      locale: navigator.language || 'en' }),
  }));
  state.token = session.sessionToken;
  localStorage.setItem(key, state.token);
}

/** The campaigns this TV is held out of (a stable draw per device): their overlays stay hidden. */
async function loadHoldouts() {
  try {
    const answer = await json(await call('/api/tv/holdouts'));
    state.heldOut = new Set(answer.campaigns);
  } catch (error) {
    // Without an answer the TV shows everything; the draw is asked again later.
  }
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
// Windows start on whole steps, so the same window is asked again (and answered 304 while unchanged).
const WINDOW_MS = 120000;
const STEP_MS = 60000;
const REVALIDATE_MS = 5000;

async function prefetch() {
  const from = Math.floor(state.mediaMs / STEP_MS) * STEP_MS;
  const path = `/api/tv/${encodeURIComponent(state.config.tenant)}/contents/${encodeURIComponent(state.config.contentId)}`
    + `/overlays?from=${from}&to=${from + WINDOW_MS}`;
  const same = state.window && state.window.path === path;
  const response = await call(path, { anonymous: true, headers: same && state.etag ? { 'If-None-Match': state.etag } : {} });
  if (response.status !== 304) {
    const body = await json(response);
    state.overlays = body.overlays;
    state.etag = response.headers.get('ETag');
  }
  state.window = { path, from, to: from + WINDOW_MS, checked: Date.now() };
}

let fetching = false;
let prefetchBackoff = 0;
function tick() {
  if (state.config.live) {
    showVisible(state.overlays.filter((cue) => cue.endsAt > Date.now()));
    return;
  }
  const win = state.window;
  // Fetch the next window before this one ends (or after a seek out of it), and look again every few seconds.
  const due = !win || state.mediaMs < win.from || state.mediaMs >= win.from + STEP_MS
    || Date.now() - win.checked > REVALIDATE_MS + prefetchBackoff;
  if (!fetching && due) {
    fetching = true;
    prefetch()
      .then(() => { prefetchBackoff = 0; })
      .catch((error) => {
        prefetchBackoff = Math.min(Math.max(prefetchBackoff * 2, 1000), 60000);
        if (state.window) state.window.checked = Date.now();
        else state.window = { path: '', from: -1, to: -1, checked: Date.now() };
        banner(error.status === 404 ? 'This programme has no shopping today.' : 'Products for this programme are not available right now.');
      })
      .finally(() => { fetching = false; });
  }
  showVisible(state.overlays.filter((cue) => cue.startMs <= state.mediaMs && state.mediaMs < cue.endMs));
}

/**
 * Shows these overlays and takes away the others. Overlays of campaigns this TV is held out of are not shown: the
 * funnel hears a 'holdout' instead, once each time one would have appeared.
 */
function showVisible(candidates) {
  const visible = candidates.filter((cue) => !state.heldOut.has(cue.campaignId));
  const withheld = new Set(candidates.filter((cue) => state.heldOut.has(cue.campaignId)).map((cue) => cue.id));
  candidates.filter((cue) => withheld.has(cue.id) && !state.withheld.has(cue.id)).forEach((cue) => report('holdout', cue));
  state.withheld = withheld;
  const ids = new Set(visible.map((cue) => cue.id));
  for (const [id, node] of state.shown) {
    if (!ids.has(id)) {
      const hadFocus = document.activeElement === node;
      node.remove();
      state.shown.delete(id);
      if (hadFocus) focusFirst();
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
  // A new overlay takes the focus, unless the viewer is at the controls right now (an OK meant for Pause must
  // not buy anything).
  const focused = document.activeElement;
  const idle = Date.now() - lastKeyAt > 3000;
  if (!document.querySelector('.modal:not([hidden]), .panel:not([hidden])')
      && (idle || !focused || focused === document.body || focused.classList.contains('overlay'))) card.focus();
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

const MAX_QUEUED = 2000;

function report(type, cue) {
  if (state.impressions.length >= MAX_QUEUED) state.impressions.shift(); // statistics, not orders: the oldest go
  state.impressions.push({ type, overlayId: cue.id, at: Math.round(state.mediaMs), contentId: state.config.contentId });
}

let flushing = false;
async function flushInteractions() {
  if (flushing || !state.impressions.length || !state.token) return;
  flushing = true;
  const events = state.impressions.splice(0, 500);
  try {
    const response = await fetch('/api/tv/interactions', { method: 'POST', body: JSON.stringify({ events }),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${state.token}` } });
    // Kept for the next try only when the service could not take them now; a refused batch (4xx) is dropped.
    if (response.status >= 500) state.impressions.unshift(...events);
  } catch (error) {
    state.impressions.unshift(...events);
  } finally {
    flushing = false;
  }
}

/** A live channel: cues arrive as server-sent events (those still running first) and stay for their remaining time. */
function followLiveCues(attempt = 0) {
  const stream = new EventSource(`/api/tv/${encodeURIComponent(state.config.tenant)}/channels/`
    + `${encodeURIComponent(state.config.contentId)}/cues`);
  stream.addEventListener('cue', (event) => {
    const cue = JSON.parse(event.data);
    cue.endsAt = Date.now() + cue.remainingMs;
    state.overlays = [...state.overlays.filter((known) => known.id !== cue.id && known.endsAt > Date.now()), cue];
    tick();
  });
  stream.onerror = () => {
    if (stream.readyState !== EventSource.CLOSED) return; // EventSource reconnects by itself
    banner('The live channel cannot be reached. Trying again…');
    setTimeout(() => followLiveCues(attempt + 1), Math.min(1000 * 2 ** attempt, 30000));
  };
  stream.onopen = () => { if (attempt > 0) banner(''); };
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
      button.dataset.action = label;
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
  const action = document.activeElement && document.activeElement.dataset.action;
  try {
    const response = quantity === 0
      ? await call(path, { method: 'DELETE' })
      : await call(path, { method: 'PATCH', body: JSON.stringify({ quantity }) });
    showCart(await json(response));
  } catch (error) {
    toast(error.message);
  }
  // The focus stays on the same button of the line, or moves on when the line is gone.
  const same = document.querySelector(`[data-line="${CSS.escape(line.sku)}"][data-action="${action}"]`);
  if (same) same.focus(); else focusFirst();
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

let handoffRequest = 0;

async function startHandoff() {
  const request = ++handoffRequest; // a second OK while the first is on its way wins; the first is dropped
  $('cart-panel').hidden = true;
  $('handoff').hidden = false;
  let handoff;
  try {
    handoff = await json(await call('/api/tv/handoffs', { method: 'POST' }));
  } catch (error) {
    if (request !== handoffRequest) return;
    $('handoff').hidden = true;
    toast(error.status === 409 ? 'Your cart is empty. Add something first.' : error.message);
    focusFirst();
    return;
  }
  if (request !== handoffRequest) return;
  closeHandoffStream();
  state.handoff = handoff;
  $('qr').src = `/api/tv/handoffs/${handoff.handoffId}/qr.svg?size=420`;
  $('user-code').textContent = handoff.userCode;
  $('handoff-url').textContent = handoff.verificationUri.replace(/^https?:\/\//, '');
  handoffStep('pending');
  let left = handoff.expiresIn;
  const render = () => { $('countdown').textContent = format(left * 1000); };
  render();
  state.countdown = setInterval(() => {
    left = Math.max(0, left - 1);
    render();
    if (left === 0 && !$('handoff-pending').hidden) onHandoffStatus(handoff.handoffId, { status: 'EXPIRED' });
  }, 1000);
  // Server-sent status, from whichever instance the phone talks to. Should the stream end early, poll instead.
  const events = new EventSource(`/api/tv/handoffs/${handoff.handoffId}/events`);
  events.addEventListener('status', (event) => onHandoffStatus(handoff.handoffId, JSON.parse(event.data)));
  events.onerror = () => { if (events.readyState === EventSource.CLOSED && state.events === events) pollHandoff(handoff); };
  state.events = events;
}

function pollHandoff(handoff) {
  state.poll = setTimeout(async () => {
    const response = await call(`/api/tv/handoffs/${handoff.handoffId}`).catch(() => null);
    if (response && response.ok) onHandoffStatus(handoff.handoffId, await response.json());
    if (state.handoff === handoff && $('handoff-done').hidden && $('handoff-expired').hidden) pollHandoff(handoff);
  }, handoff.interval * 1000);
}

async function onHandoffStatus(handoffId, status) {
  if (!state.handoff || state.handoff.handoffId !== handoffId) return; // an earlier handoff's news
  if (status.status === 'CLAIMED') {
    handoffStep('claimed');
  } else if (status.status === 'COMPLETED') {
    closeHandoffStream();
    for (let attempt = 0; ; attempt++) {
      try {
        const order = await json(await call(`/api/tv/orders/${status.orderId}`));
        $('order-number').textContent = order.number;
        $('order-status').textContent = order.status.toLowerCase();
        $('order-total').textContent = money(order.total);
        break;
      } catch (error) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 8000)));
      }
    }
    handoffStep('done');
    call('/api/tv/cart').then(json).then(showCart).catch(() => {});
  } else if (status.status === 'EXPIRED' || status.status === 'CANCELLED') {
    closeHandoffStream();
    handoffStep('expired');
  }
}

function closeHandoffStream() {
  if (state.events) state.events.close();
  state.events = null;
  clearInterval(state.countdown);
  clearTimeout(state.poll);
}

function closeHandoff() {
  closeHandoffStream();
  state.handoff = null;
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

document.addEventListener('focusin', (event) => {
  if (event.target.scrollIntoView) event.target.scrollIntoView({ block: 'nearest' });
});
let lastKeyAt = 0;
document.addEventListener('keydown', (event) => {
  lastKeyAt = Date.now();
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
  await loadHoldouts();
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
  setInterval(() => loadHoldouts(), 300000);
  focusFirst();
}

start().catch((error) => banner(`The TV app could not start: ${error.message}`));
