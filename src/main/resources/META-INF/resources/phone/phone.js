// The phone side of the handoff: claim the TV's code, confirm the TV and its cart, give an address, order.
'use strict';

const $ = (id) => document.getElementById(id);
const sections = ['enter-code', 'confirm', 'address', 'placed', 'orders'];
let token = null;
let confirmation = null;

function show(section) {
  sections.forEach((name) => { $(name).hidden = name !== section; });
  const first = $(section).querySelector('input, button');
  if (first) first.focus();
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

const money = (m) => `${m.currency === 'CNY' ? '¥' : m.currency + ' '}${m.amount}`;

/** Calls the API as the signed-in shopper; a problem answer becomes an Error carrying the problem. */
async function api(path, options = {}, renewed = false) {
  let response;
  try {
    response = await fetch(path, {
      ...options,
      headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json', ...(options.headers || {}) },
    });
  } catch (failure) {
    const error = new Error('The shop cannot be reached. Check your connection and try again.');
    error.problem = {};
    throw error;
  }
  if (response.status === 401 && !renewed) {
    // The access token ran out: ask the page's sign-in for a fresh one, once.
    await signIn();
    return api(path, options, true);
  }
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((body && body.detail) || `The shop answered ${response.status}.`);
    error.problem = body || {};
    error.status = response.status;
    throw error;
  }
  return body;
}

/** The sign-in's access token (its session renews it); a session that is gone signs in again. */
async function signIn() {
  const response = await fetch('/phone/session', { cache: 'no-store' });
  if (response.status === 401 || response.redirected) {
    location.reload(); // the sign-in itself ran out: the page signs in again
    throw new Error('Signing in again…');
  }
  if (!response.ok) throw new Error(`The shop answered ${response.status}.`);
  const session = await response.json();
  token = session.accessToken;
  return session;
}

async function claim(userCode) {
  showError('');
  try {
    confirmation = await api('/api/phone/handoffs/claim', { method: 'POST', body: JSON.stringify({ userCode }) });
  } catch (error) {
    const placed = sessionStorage.getItem(`order-of-code:${currentCode()}`);
    if (error.status === 410 && placed) {
      showPlaced(JSON.parse(placed)); // a reload after ordering: the order, not "expired"
      return;
    }
    show('enter-code');
    $('user-code').value = userCode;
    showError(error.status === 404 ? 'No TV shows this code. Check it and try again.'
      : error.status === 410 ? 'This code has expired or was used. Ask the TV for a new one.'
      : error.status === 409 ? 'This code is being used on another phone.'
      : error.message);
    return;
  }
  $('tv-brand').textContent = confirmation.tv.brand || confirmation.tv.tenant;
  $('tv-model').textContent = confirmation.tv.model ? `(${confirmation.tv.model})` : '';
  $('lines').replaceChildren(...confirmation.cart.lines.map((line) => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = `${line.quantity} × ${line.title}`;
    const price = document.createElement('strong');
    price.textContent = line.availability === 'AVAILABLE' ? money(line.lineTotal) : 'not available';
    item.append(name, price);
    return item;
  }));
  $('total').textContent = money(confirmation.cart.total);
  $('due').textContent = money(confirmation.cart.total);
  show('confirm');
}

/** One key per handoff and cart version, kept across reloads: a double tap or a reload repeats, never re-orders. */
function idempotencyKey() {
  const name = `checkout:${confirmation.handoffId}:${confirmation.cart.version}`;
  let key = sessionStorage.getItem(name);
  if (!key) {
    key = crypto.randomUUID();
    sessionStorage.setItem(name, key);
  }
  return key;
}

async function placeOrder(event) {
  event.preventDefault();
  const form = $('address-form');
  form.querySelectorAll('input').forEach((input) => input.classList.add('touched'));
  form.querySelectorAll('.field-error').forEach((node) => node.remove());
  if (!form.checkValidity()) {
    form.querySelector(':invalid').focus();
    return;
  }
  const address = Object.fromEntries(new FormData(form).entries());
  if (!address.line2) delete address.line2;
  $('place-order').disabled = true;
  showError('');
  try {
    const order = await api('/api/phone/checkouts', {
      method: 'POST',
      headers: { 'Idempotency-Key': idempotencyKey() },
      body: JSON.stringify({ handoffId: confirmation.handoffId, cartVersion: confirmation.cart.version,
        shippingAddress: address, paymentMethod: 'cash_on_delivery' }),
    });
    sessionStorage.setItem(`order:${confirmation.handoffId}`, JSON.stringify(order));
    sessionStorage.setItem(`order-of-code:${currentCode()}`, JSON.stringify(order));
    showPlaced(order);
  } catch (error) {
    ((error.problem && error.problem.errors) || []).forEach(({ field, message }) => {
      const input = $(field.replace('shippingAddress.', ''));
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        const note = document.createElement('div');
        note.className = 'field-error';
        note.textContent = message;
        input.after(note);
      }
    });
    showError(error.status === 409 && /changed/.test(error.message)
      ? 'The cart changed on the TV. Please review it again.' : error.message);
    if (error.status === 409 && /changed/.test(error.message)) claim(new URLSearchParams(location.search).get('user_code') || $('user-code').value);
  } finally {
    $('place-order').disabled = false;
  }
}

function showPlaced(order) {
  $('order-number').textContent = order.number;
  $('order-status').textContent = order.status.toLowerCase();
  $('order-total').textContent = money(order.total);
  show('placed');
}

function currentCode() {
  return (new URLSearchParams(location.search).get('user_code') || $('user-code').value || '').toUpperCase().replace(/[^A-Z]/g, '');
}

async function showOrders() {
  const page = await api('/api/phone/orders?size=20');
  $('order-list').replaceChildren(...page.items.map((order) => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = `${order.number} · ${new Date(order.createdAt).toLocaleDateString()}`;
    const status = document.createElement('strong');
    status.textContent = `${money(order.total)} · ${order.status.toLowerCase()}`;
    item.append(name, status);
    return item;
  }));
  if (!page.items.length) $('order-list').innerHTML = '<li>No orders yet.</li>';
  show('orders');
}

async function start() {
  const session = await signIn();
  $('greeting').textContent = `Signed in as ${session.name}`;
  $('code-form').addEventListener('submit', (event) => { event.preventDefault(); claim($('user-code').value); });
  $('confirm-yes').addEventListener('click', () => show('address'));
  $('confirm-no').addEventListener('click', () => { confirmation = null; show('enter-code'); });
  $('address-form').addEventListener('submit', placeOrder);
  $('orders-link').addEventListener('click', (event) => { event.preventDefault(); showOrders().catch((e) => showError(e.message)); });
  const userCode = new URLSearchParams(location.search).get('user_code');
  if (userCode) {
    claim(userCode);
  } else {
    show('enter-code');
  }
}

start().catch((error) => showError(`The shop cannot be reached right now (${error.message}). Reload to try again.`));
