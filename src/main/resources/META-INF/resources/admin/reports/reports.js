// The campaign reports page: the funnel API drawn for staff (and for a TV brand's partners, who see their own).
'use strict';

const $ = (id) => document.getElementById(id);
const DAY = 86400000;
let token = null;
const charts = {};

const number = (n) => n.toLocaleString('en-US');
const percent = (r) => `${(r * 100).toFixed(2)} %`;
const money = (list) => (list.length ? list.map((m) => `${m.currency === 'CNY' ? '¥' : m.currency + ' '}${m.amount}`).join(' + ') : '–');
const isoDay = (time) => new Date(time).toISOString().slice(0, 10);

function showError(message) {
  $('error').textContent = message || '';
  $('error').hidden = !message;
}

async function signIn() {
  const response = await fetch('/admin/reports/session', { cache: 'no-store' });
  if (!response.ok) throw new Error('Your sign-in has ended; reload the page to sign in again.');
  const session = await response.json();
  token = session.accessToken;
  $('greeting').textContent = session.name;
}

/** The query of the form: whole UTC days, the last one included. */
function query(groupBy) {
  const params = new URLSearchParams({ groupBy });
  params.set('from', `${$('from').value}T00:00:00Z`);
  params.set('to', new Date(Date.parse(`${$('to').value}T00:00:00Z`) + DAY).toISOString());
  if ($('campaign').value.trim()) params.set('campaignId', $('campaign').value.trim());
  if ($('tenant').value.trim()) params.set('tenant', $('tenant').value.trim());
  return params;
}

async function api(params, accept = 'application/json', renewed = false) {
  const response = await fetch(`/api/admin/reports/funnel?${params}`,
    { headers: { Authorization: `Bearer ${token}`, Accept: accept } });
  if (response.status === 401 && !renewed) {
    await signIn();
    return api(params, accept, true);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || `The report service answered ${response.status}.`);
  }
  return accept === 'application/json' ? response.json() : response.text();
}

function tiles(totals) {
  $('total-impressions').textContent = number(totals.impressions);
  $('total-reach').textContent = number(totals.reach);
  $('total-clicks').textContent = number(totals.clicks);
  $('total-adds').textContent = number(totals.adds);
  $('total-orders').textContent = number(totals.orders);
  $('total-revenue').textContent = money(totals.revenue);
  $('total-unattributed').textContent = number(totals.unattributedOrders);
}

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  config.options = { animation: false, responsive: true, maintainAspectRatio: false, ...config.options };
  charts[id] = new Chart($(id), config);
}

function funnelChart(totals) {
  draw('funnel-chart', {
    type: 'bar',
    data: {
      labels: ['Impressions', 'Clicks', 'Adds', 'Orders'],
      datasets: [{ label: 'Events', data: [totals.impressions, totals.clicks, totals.adds, totals.orders],
        backgroundColor: ['#0071e3', '#34aadc', '#30b0c7', '#34c759'] }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  });
}

function timeChart(report) {
  // Every day of the range, also the quiet ones.
  const days = [];
  for (let time = Date.parse(report.from); time < Date.parse(report.to); time += DAY) days.push(isoDay(time));
  const byDay = new Map(report.rows.map((row) => [row.key.day, row]));
  const series = (metric) => days.map((day) => (byDay.get(day) ? byDay.get(day)[metric] : 0));
  draw('time-chart', {
    type: 'line',
    data: {
      labels: days,
      datasets: [
        { label: 'Impressions', data: series('impressions'), borderColor: '#0071e3', yAxisID: 'events' },
        { label: 'Adds', data: series('adds'), borderColor: '#30b0c7', yAxisID: 'events' },
        { label: 'Orders', data: series('orders'), borderColor: '#34c759', yAxisID: 'orders' },
      ],
    },
    options: { scales: { events: { beginAtZero: true, position: 'left' }, orders: { beginAtZero: true, position: 'right' } } },
  });
}

function table(report) {
  const body = $('rows').querySelector('tbody');
  body.replaceChildren();
  for (const row of report.rows) {
    const tr = document.createElement('tr');
    tr.dataset.campaign = row.key.campaign || '';
    tr.dataset.overlay = row.key.overlay || '';
    const lift = row.lift ? `${percent(row.lift.value)} (${percent(row.lift.low)} … ${percent(row.lift.high)})` : '–';
    const cells = { campaign: row.key.campaign || '(none)', overlay: row.key.overlay || '(none)',
      impressions: number(row.impressions), reach: number(row.reach), clicks: number(row.clicks), adds: number(row.adds),
      orders: number(row.orders), units: number(row.units), revenue: money(row.revenue), ctr: percent(row.ctr),
      conversion: percent(row.conversionRate), lift };
    for (const [name, text] of Object.entries(cells)) {
      const td = document.createElement('td');
      td.className = name;
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  $('empty').hidden = report.rows.length > 0;
}

async function load() {
  showError('');
  try {
    const [byDay, byOverlay] = await Promise.all([api(query('day')), api(query('campaign,overlay'))]);
    $('window').textContent = `${byDay.from} to ${byDay.to} · orders credited to an overlay added within ${byDay.attributionWindow}`;
    tiles(byDay.totals);
    funnelChart(byDay.totals);
    timeChart(byDay);
    table(byOverlay);
    document.body.dataset.loaded = 'true';
  } catch (error) {
    showError(error.message);
  }
}

async function downloadCsv() {
  try {
    const csv = await api(query('campaign,overlay'), 'text/csv');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = `funnel-${$('from').value}-${$('to').value}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  } catch (error) {
    showError(error.message);
  }
}

async function start() {
  const today = Date.now();
  $('to').value = isoDay(today);
  $('from').value = isoDay(today - 6 * DAY);
  const params = new URLSearchParams(location.search);
  if (params.get('campaign')) $('campaign').value = params.get('campaign');
  $('filters').addEventListener('submit', (event) => { event.preventDefault(); load(); });
  $('csv').addEventListener('click', downloadCsv);
  await signIn();
  await load();
}

start().catch((error) => showError(error.message));
