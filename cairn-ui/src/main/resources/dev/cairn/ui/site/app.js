// The Cairn dashboard: plain ES module, no framework. Every read and write goes through /api/ with the
// session token in a header; the token comes from the URL's fragment (#token=...), which browsers never send.
import { specFor, scatterSpec, liveSpec, trendSpec } from '/charts.js';

const $ = sel => document.querySelector(sel);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, '');
    else if (v !== false && v != null) e.setAttribute(k, v);
  }
  for (const k of kids.flat()) if (k != null) e.append(k instanceof Node ? k : String(k));
  return e;
};

// ---- session

const token = (() => {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem('cairn-token', m[1]);
    history.replaceState(null, '', location.pathname + location.search); // keep it out of the address bar
  }
  return sessionStorage.getItem('cairn-token') || '';
})();

async function api(path, body) {
  const opts = { headers: { 'X-Cairn-Token': token }, cache: 'no-store' };
  if (body !== undefined) {
    opts.method = 'POST';
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const r = await fetch('/api' + path, opts);
  const data = await r.json().catch(() => ({ error: r.statusText }));
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
}

function say(text, isError = false) {
  const m = $('#message');
  m.textContent = text;
  m.className = isError ? 'error' : 'ok';
}

// ---- state (views and stars are kept in this browser's localStorage)

const store = {
  get(k, d) { try { return JSON.parse(localStorage.getItem('cairn-' + k)) ?? d; } catch { return d; } },
  set(k, v) { localStorage.setItem('cairn-' + k, JSON.stringify(v)); },
};
const state = {
  rows: [], columns: [], byRev: new Map(),
  hidden: new Set(store.get('hidden', [])),
  pinned: new Set(store.get('pinned', [])),
  order: store.get('order', []),            // column ids moved by drag and drop, in order
  sort: store.get('sort', []),              // [{col, desc}]: first key first
  starred: new Set(store.get('starred', [])),
  selected: new Set(),
  baseline: null,
  writable: false,
  plotsSeq: 0,
};

// ---- experiments: exp show's states flattened to rows

function flatten(obj, prefix, out) {
  for (const [k, v] of Object.entries(obj || {})) {
    const key = prefix ? prefix + '.' + k : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
    else out[key] = v;
  }
  return out;
}

function values(data, kind) {
  const out = {};
  for (const [file, res] of Object.entries((data && data[kind]) || {})) {
    for (const [k, v] of Object.entries(flatten(res.data, '', {}))) out[file + ':' + k] = v;
  }
  return out;
}

function rowOf(s, type, extra = {}) {
  const d = s.data;
  return {
    rev: s.rev, type, name: s.name || (s.rev === 'workspace' ? 'workspace' : s.rev.slice(0, 7)),
    created: d && d.timestamp, error: s.error && s.error.msg, state: 'done',
    params: values(d, 'params'), metrics: values(d, 'metrics'), ...extra,
  };
}

function buildRows(res) {
  const rows = [];
  for (const s of res.states) {
    if (s.rev === 'workspace') { rows.push(rowOf(s, 'workspace')); continue; }
    const base = rowOf(s, 'baseline');
    rows.push(base);
    for (const x of s.experiments || []) {
      // exp show lists queued, running and failed entries too (with their executor state); the
      // dashboard shows those from the queue's own answer, with their params and logs
      if (x.executor && ['queued', 'running', 'failed'].includes(x.executor.state)) continue;
      rows.push(rowOf(x.revs[0], 'experiment', { name: x.name, parent: s.rev, baselineName: base.name }));
    }
    for (const q of res.queued.filter(q => q.baseline === s.rev)) {
      rows.push({ rev: q.rev, type: 'queued', name: q.name, parent: s.rev, state: q.state, params: {}, metrics: {},
        setParams: q.params, created: null });
    }
  }
  for (const f of res.failed) {
    if (!rows.some(r => r.name === f.name && r.type === 'experiment')) {
      rows.push({ rev: 'failed:' + f.name, type: 'failed', name: f.name, parent: f.baseline, state: 'failed',
        error: f.error, params: {}, metrics: {} });
    }
  }
  return rows;
}

function columnsOf(rows) {
  const cols = [];
  const seen = new Set();
  for (const kind of ['metrics', 'params']) {
    for (const r of rows) for (const k of Object.keys(r[kind])) {
      const id = kind + '|' + k;
      if (!seen.has(id)) { seen.add(id); cols.push({ id, kind, key: k }); }
    }
  }
  // label: the key without its file when no other file has the same key
  const counts = {};
  for (const c of cols) { const short = c.key.split(':').slice(1).join(':'); counts[short] = (counts[short] || 0) + 1; }
  for (const c of cols) { const short = c.key.split(':').slice(1).join(':'); c.label = counts[short] > 1 ? c.key : short; }
  return cols;
}

const cell = (r, c) => r[c.kind] ? r[c.kind][c.key] : undefined;

function fmt(v) {
  if (v == null) return '-';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(+v.toPrecision(5));
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function compare(a, b) {
  if (a == null && b == null) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function sortKey(r, col) {
  if (col === 'name') return r.name;
  if (col === 'created') return r.created;
  if (col === 'state') return r.state;
  const c = state.columns.find(c => c.id === col);
  return c ? cell(r, c) : undefined;
}

function filterRows(rows) {
  const text = $('#filter').value.trim();
  let out = rows;
  if ($('#starred-only').checked) out = out.filter(r => state.starred.has(r.rev) || r.type === 'workspace');
  if (!text) return out;
  for (const part of text.split(',').map(s => s.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*(<=|>=|!=|==|=|<|>|~)\s*(.+)$/.exec(part);
    if (!m) { out = out.filter(r => r.name.toLowerCase().includes(part.toLowerCase())); continue; }
    const [, key, op, raw] = m;
    const col = state.columns.find(c => c.label === key || c.key === key);
    const num = Number(raw);
    out = out.filter(r => {
      const v = key === 'name' ? r.name : key === 'state' ? r.state : col ? cell(r, col) : undefined;
      if (v == null) return r.type === 'workspace';
      const x = typeof v === 'number' && !Number.isNaN(num) ? num : raw;
      switch (op) {
        case '<': return v < x; case '>': return v > x; case '<=': return v <= x; case '>=': return v >= x;
        case '!=': return v != x; case '~': return String(v).includes(raw);
        default: return v == x;
      }
    });
  }
  return out;
}

function orderedColumns() {
  const rank = id => { const i = state.order.indexOf(id); return i < 0 ? Infinity : i; };
  const pinned = c => state.pinned.has(c.id) ? 0 : 1;
  return state.columns.map((c, i) => ({ c, i }))
    .sort((a, b) => pinned(a.c) - pinned(b.c) || rank(a.c.id) - rank(b.c.id) || a.i - b.i).map(x => x.c);
}

function visibleColumns(rows) {
  let cols = orderedColumns().filter(c => !state.hidden.has(c.id));
  if ($('#only-changed').checked) {
    const shown = rows.filter(r => r.type !== 'queued' && r.type !== 'failed');
    cols = cols.filter(c => new Set(shown.map(r => JSON.stringify(cell(r, c) ?? null))).size > 1);
  }
  return cols;
}

function renderTable() {
  let rows = filterRows(state.rows);
  if (state.sort.length) {
    rows = [...rows].sort((a, b) => {
      if (a.type === 'workspace') return -1;
      if (b.type === 'workspace') return 1;
      for (const k of state.sort) {
        const d = compare(sortKey(a, k.col), sortKey(b, k.col));
        if (d) return k.desc ? -d : d;
      }
      return 0;
    });
  }
  const cols = visibleColumns(rows);
  const base = state.baseline && state.rows.find(r => r.rev === state.baseline);
  const head = el('tr', {},
    el('th', {}, ''), el('th', { title: 'Starred' }, '★'),
    ...[['name', 'Experiment'], ['state', 'State'], ['created', 'Created']].map(([id, t]) => th(id, t, 'meta')),
    ...cols.map(c => th(c.id, c.label, c.kind)));
  $('#exp-table thead').replaceChildren(head);
  const body = rows.map(r => {
    const sel = state.selected.has(r.rev);
    const tr = el('tr', { 'data-rev': r.rev, 'data-name': r.name, 'data-type': r.type, 'data-state': r.state,
      class: (sel ? 'selected ' : '') + r.type + (r.rev === state.baseline ? ' baseline-row' : '') });
    const selectable = r.type !== 'queued' && r.type !== 'failed';
    tr.append(
      el('td', {}, el('input', { type: 'checkbox', class: 'select', checked: sel, disabled: !selectable,
        'aria-label': 'select ' + r.name, onchange: e => toggleSelect(r.rev, e.target.checked) })),
      el('td', {}, el('button', { type: 'button', class: 'star' + (state.starred.has(r.rev) ? ' on' : ''),
        title: 'Star', onclick: () => toggleStar(r.rev) }, state.starred.has(r.rev) ? '★' : '☆')),
      el('td', { class: 'name', title: r.rev }, (r.type === 'experiment' || r.type === 'queued' || r.type === 'failed' ? '└ ' : '') + r.name,
        r.error ? el('span', { class: 'error', title: r.error }, ' ⚠') : null),
      el('td', { class: 'state ' + r.state }, r.type === 'queued' ? r.state : r.type === 'failed' ? 'failed' : r.type === 'experiment' ? 'done' : ''),
      el('td', { class: 'muted' }, r.created ? r.created.replace('T', ' ').slice(0, 16) : ''),
      ...cols.map(c => {
        const v = cell(r, c);
        if (r.type === 'queued' && v == null) {
          const set = (r.setParams || []).find(p => p.split('=')[0].endsWith(c.key.split(':').slice(1).join(':')));
          return el('td', { class: 'num queued-param', 'data-col': c.label }, set ? set.split('=').slice(1).join('=') : '');
        }
        let text = fmt(v);
        let cls = 'num';
        if (base && r !== base && typeof v === 'number' && typeof cell(base, c) === 'number') {
          const d = v - cell(base, c);
          text = (d > 0 ? '+' : '') + fmt(d);
          cls += d > 0 ? ' up' : d < 0 ? ' down' : '';
        }
        return el('td', { class: cls, 'data-col': c.label, title: fmt(v) }, text);
      }));
    return tr;
  });
  $('#exp-table tbody').replaceChildren(...body);
  renderColumnsMenu();
  renderSelectionInfo();
  renderCompare();
}

function th(id, label, kind) {
  const i = state.sort.findIndex(k => k.col === id);
  const mark = i < 0 ? '' : (state.sort[i].desc ? ' ▼' : ' ▲') + (state.sort.length > 1 ? i + 1 : '');
  const movable = kind === 'metrics' || kind === 'params';
  return el('th', { class: 'sortable ' + kind + (state.pinned.has(id) ? ' pinned' : ''), 'data-col': label, draggable: movable ? 'true' : null,
    title: 'Click to sort, shift-click to add a sort key' + (movable ? '; drag to move' : ''),
    onclick: e => sortBy(id, e.shiftKey),
    ondragstart: e => e.dataTransfer.setData('text/plain', id),
    ondragover: e => { if (movable) e.preventDefault(); },
    ondrop: e => { e.preventDefault(); moveColumn(e.dataTransfer.getData('text/plain'), id); } },
    (state.pinned.has(id) ? '📌 ' : '') + label + mark);
}

function moveColumn(from, to) {
  if (!from || from === to) return;
  const ids = orderedColumns().map(c => c.id).filter(id => id !== from);
  ids.splice(ids.indexOf(to), 0, from);
  state.order = ids;
  store.set('order', ids);
  renderTable();
}

function sortBy(col, add) {
  // a click cycles a key ascending, descending, off; shift keeps the other keys (multi-key sort)
  const keys = add ? [...state.sort] : state.sort.filter(k => k.col === col);
  const j = keys.findIndex(k => k.col === col);
  if (j < 0) keys.push({ col, desc: false });
  else if (!keys[j].desc) keys[j] = { col, desc: true };
  else keys.splice(j, 1);
  state.sort = keys;
  store.set('sort', state.sort);
  renderTable();
}

function toggleStar(rev) {
  state.starred.has(rev) ? state.starred.delete(rev) : state.starred.add(rev);
  store.set('starred', [...state.starred]);
  renderTable();
}

function toggleSelect(rev, on) {
  on ? state.selected.add(rev) : state.selected.delete(rev);
  renderTable();
  loadPlots();
}

function renderColumnsMenu() {
  $('#columns').replaceChildren(...orderedColumns().map(c => el('label', { 'data-col': c.label },
    el('input', { type: 'checkbox', class: 'show', checked: !state.hidden.has(c.id), onchange: e => {
      e.target.checked ? state.hidden.delete(c.id) : state.hidden.add(c.id);
      store.set('hidden', [...state.hidden]);
      renderTable();
    } }), ' ', c.kind === 'metrics' ? '📈 ' : '⚙ ', c.label, ' ',
    el('button', { type: 'button', class: 'pin' + (state.pinned.has(c.id) ? ' on' : ''), title: 'Pin to the left',
      onclick: e => { e.preventDefault(); state.pinned.has(c.id) ? state.pinned.delete(c.id) : state.pinned.add(c.id);
        store.set('pinned', [...state.pinned]); renderTable(); } }, '📌'))));
}

function selectedRows() {
  return state.rows.filter(r => state.selected.has(r.rev));
}

function renderSelectionInfo() {
  const sel = selectedRows();
  const exps = sel.filter(r => r.type === 'experiment');
  $('#selection-info').textContent = sel.length ? sel.length + ' selected: ' + sel.map(r => r.name).join(', ')
    : 'Select rows to plot, compare or act on them.';
  $('#set-baseline').disabled = sel.length !== 1;
  $('#apply').disabled = !state.writable || exps.length !== 1 || sel.length !== 1;
  $('#branch').disabled = !state.writable || exps.length !== 1 || sel.length !== 1;
  $('#remove').disabled = !state.writable || !exps.length || exps.length !== sel.length;
  $('#clear-baseline').hidden = !state.baseline;
}

// ---- saved views

function renderViews() {
  const views = store.get('views', {});
  $('#views').replaceChildren(...Object.keys(views).map(name => el('div', {},
    el('button', { type: 'button', onclick: () => applyView(views[name]) }, name), ' ',
    el('button', { type: 'button', title: 'Delete', onclick: () => { delete views[name]; store.set('views', views); renderViews(); } }, '×'))));
}

function applyView(v) {
  state.hidden = new Set(v.hidden); state.pinned = new Set(v.pinned || []); state.order = v.order || [];
  state.sort = v.sort; $('#filter').value = v.filter;
  $('#only-changed').checked = v.onlyChanged; state.baseline = v.baseline || null;
  store.set('hidden', v.hidden); store.set('sort', v.sort); store.set('pinned', [...state.pinned]); store.set('order', state.order);
  renderTable();
}

// ---- plots

function labelOf(rev) {
  const r = state.rows.find(r => r.rev === rev);
  return r ? r.name : rev === 'workspace' ? 'workspace' : rev.slice(0, 7);
}

async function embed(target, spec) {
  try {
    await vegaEmbed(target, spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } });
  } catch (e) {
    target.replaceChildren(el('p', { class: 'error' }, 'Cannot draw: ' + e.message));
  }
}

async function loadPlots() {
  const seq = ++state.plotsSeq;
  const revs = selectedRows().map(r => r.rev);
  if (!revs.length) {
    $('#plots').replaceChildren();
    $('#images').replaceChildren();
    $('#plots-info').textContent = 'Select experiments to overlay their plots.';
    return;
  }
  try {
    const res = await api('/plots?' + revs.map(r => 'rev=' + encodeURIComponent(r)).join('&'));
    if (seq !== state.plotsSeq) return;
    $('#plots-info').textContent = res.plots.length + ' plot' + (res.plots.length === 1 ? '' : 's') + ' of '
      + revs.map(labelOf).join(', ') + (res.errors.length ? ' · ' + res.errors.length + ' problem(s): ' + res.errors.join('; ') : '');
    const boxes = res.plots.map(p => el('div', { class: 'plot', 'data-plot': p.id, 'data-series': p.series.length }));
    $('#plots').replaceChildren(...boxes);
    renderImages(res.images);
    await Promise.all(res.plots.map((p, i) => embed(boxes[i], specFor(p, labelOf))));
  } catch (e) {
    say(e.message, true);
  }
}

// Image plots: one row per image, the revisions side by side; images named by step (DVCLive's
// plots/images/<name>/<step>.png) become one row with a step slider.
function renderImages(images) {
  const groups = new Map();
  for (const im of images) {
    const m = /^(.*)\/(\d+)\.[a-z]+$/i.exec(im.id);
    const key = m ? m[1] : im.id;
    const g = groups.get(key) || { key, stepped: !!m, steps: new Map() };
    const step = m ? Number(m[2]) : 0;
    const byRev = g.steps.get(step) || new Map();
    byRev.set(im.revision, im.src);
    g.steps.set(step, byRev);
    groups.set(key, g);
  }
  const rows = [...groups.values()].map(g => {
    const steps = [...g.steps.keys()].sort((a, b) => a - b);
    const figures = el('div', { class: 'image-row' });
    const show = step => figures.replaceChildren(...[...g.steps.get(step).entries()].map(([rev, src]) =>
      el('figure', { 'data-rev': rev }, el('img', { src, alt: g.key + ' of ' + labelOf(rev) }), el('figcaption', {}, labelOf(rev)))));
    show(steps[steps.length - 1]);
    const label = el('span', { class: 'muted' }, g.stepped ? 'step ' + steps[steps.length - 1] : '');
    const slider = g.stepped && steps.length > 1 ? el('input', { type: 'range', min: 0, max: steps.length - 1, value: steps.length - 1,
      oninput: e => { const st = steps[Number(e.target.value)]; label.textContent = 'step ' + st; show(st); } }) : null;
    return el('div', { class: 'image-plot', 'data-plot': g.key }, el('h3', {}, g.key, ' ', label), slider, figures);
  });
  $('#images').replaceChildren(...rows);
}

function renderScatterControls() {
  const keep = (sel, opts) => {
    const v = sel.value;
    sel.replaceChildren(...opts.map(c => el('option', { value: c.id }, c.label)));
    if (opts.some(c => c.id === v)) sel.value = v;
  };
  keep($('#scatter-x'), [{ id: '__time', label: 'commit time (trend)' }, ...state.columns.filter(c => c.kind === 'params')]);
  if (!$('#scatter-x').dataset.touched && state.columns.some(c => c.kind === 'params')) {
    $('#scatter-x').value = state.columns.find(c => c.kind === 'params').id;
  }
  keep($('#scatter-y'), state.columns.filter(c => c.kind === 'metrics'));
  drawScatter();
}

function drawScatter() {
  const cy = state.columns.find(c => c.id === $('#scatter-y').value);
  if ($('#scatter-x').value === '__time' && cy) {
    // a metric across commits: the baselines (more of them with 'commits'), and each experiment at its time
    const pts = state.rows.filter(r => r.created && typeof cell(r, cy) === 'number')
      .map(r => ({ label: r.name, x: r.created, y: cell(r, cy), kind: r.type }));
    embed($('#scatter'), trendSpec(pts, cy.label));
    return;
  }
  const cx = state.columns.find(c => c.id === $('#scatter-x').value);
  if (!cx || !cy) { $('#scatter').replaceChildren(); return; }
  const pts = state.rows.map(r => ({ label: r.name, x: cell(r, cx), y: cell(r, cy) }))
    .filter(p => typeof p.x === 'number' && typeof p.y === 'number');
  embed($('#scatter'), scatterSpec(pts, cx.label, cy.label));
}

// ---- compare two: the params and metrics of two selected rows side by side, differences first

function renderCompare() {
  const sel = selectedRows();
  const box = $('#compare');
  if (sel.length !== 2) { box.replaceChildren(); box.hidden = true; return; }
  const [a, b] = sel;
  const lines = state.columns.map(c => ({ c, x: cell(a, c), y: cell(b, c) }))
    .map(l => ({ ...l, same: JSON.stringify(l.x ?? null) === JSON.stringify(l.y ?? null) }))
    .sort((p, q) => p.same - q.same);
  box.hidden = false;
  box.replaceChildren(el('table', { class: 'compare' },
    el('thead', {}, el('tr', {}, el('th', {}, 'compare'), el('th', {}, a.name), el('th', {}, b.name), el('th', {}, 'Δ'))),
    el('tbody', {}, ...lines.map(l => el('tr', { class: l.same ? 'same' : 'differs', 'data-col': l.c.label },
      el('td', {}, l.c.label), el('td', { class: 'num' }, fmt(l.x)), el('td', { class: 'num' }, fmt(l.y)),
      el('td', { class: 'num' }, typeof l.x === 'number' && typeof l.y === 'number' && !l.same ? fmt(l.y - l.x) : ''))))));
}

// ---- live training

async function loadLive() {
  const res = await api('/live');
  const box = $('#live');
  if (!res.dirs.length) {
    box.replaceChildren(el('p', { class: 'muted' }, 'No DVCLive/cairn-live directory yet: it appears here while a stage writes one.'));
    return;
  }
  $('#live-info').textContent = 'updated ' + new Date(Math.max(...res.dirs.map(d => d.updated))).toLocaleTimeString();
  const parts = res.dirs.map(d => {
    const flat = flatten(d.metrics, '', {});
    const active = d.running;
    const metrics = el('dl', { class: 'live-metrics' }, ...Object.entries(flat).map(([k, v]) => [
      el('dt', {}, k), el('dd', { 'data-live-metric': k, 'data-dir': d.dir }, fmt(v))]));
    const points = [];
    for (const [name, pts] of Object.entries(d.curves)) for (const [step, value] of pts) points.push({ metric: name, step, value });
    const chart = el('div', { class: 'plot live-chart' });
    const card = el('div', { class: 'live-dir' + (active ? ' active' : ''), 'data-dir': d.dir },
      el('h3', {}, d.dir, active ? el('span', { class: 'badge running' }, 'running') : null), metrics, chart);
    if (points.length) embed(chart, liveSpec(points));
    return card;
  });
  box.replaceChildren(...parts);
}

// ---- pipeline

async function loadPipeline() {
  const res = await api('/pipeline');
  const stages = res.stages;
  const layer = {};
  const ups = {};
  for (const [a, b] of res.edges) (ups[b] = ups[b] || []).push(a);
  const depth = n => layer[n] ?? (layer[n] = Math.max(-1, ...(ups[n] || []).map(depth)) + 1);
  stages.forEach(s => depth(s.name));
  const cols = {};
  for (const s of stages) (cols[layer[s.name]] = cols[layer[s.name]] || []).push(s);
  const W = 150, H = 44, GX = 60, GY = 18;
  const pos = {};
  for (const [l, ss] of Object.entries(cols)) ss.forEach((s, i) => { pos[s.name] = { x: 10 + l * (W + GX), y: 10 + i * (H + GY) }; });
  const width = 20 + (Object.keys(cols).length) * (W + GX);
  const height = 20 + Math.max(1, ...Object.values(cols).map(c => c.length)) * (H + GY);
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('class', 'dag');
  const add = (tag, attrs, text) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    svg.append(e);
    return e;
  };
  for (const [a, b] of res.edges) {
    const p = pos[a], q = pos[b];
    if (p && q) add('path', { d: `M${p.x + W},${p.y + H / 2} C${p.x + W + GX / 2},${p.y + H / 2} ${q.x - GX / 2},${q.y + H / 2} ${q.x},${q.y + H / 2}`, class: 'edge' });
  }
  for (const s of stages) {
    const p = pos[s.name];
    const g = add('g', { class: 'stage ' + s.state.replace(/ /g, '-'), 'data-stage': s.name, 'data-state': s.state });
    const rect = document.createElementNS(NS, 'rect');
    Object.entries({ x: p.x, y: p.y, width: W, height: H, rx: 6 }).forEach(([k, v]) => rect.setAttribute(k, v));
    const t1 = document.createElementNS(NS, 'text');
    Object.entries({ x: p.x + 10, y: p.y + 18, class: 'stage-name' }).forEach(([k, v]) => t1.setAttribute(k, v));
    t1.textContent = s.name;
    const t2 = document.createElementNS(NS, 'text');
    Object.entries({ x: p.x + 10, y: p.y + 35, class: 'stage-state' }).forEach(([k, v]) => t2.setAttribute(k, v));
    t2.textContent = s.state;
    const title = document.createElementNS(NS, 'title');
    title.textContent = s.cmd.join('\n');
    g.append(rect, t1, t2, title);
  }
  $('#dag').replaceChildren(svg);
  const why = [];
  for (const s of stages) for (const w of s.why) why.push(el('li', {}, el('b', {}, s.name), ': ', describeWhy(w)));
  for (const o of res.other_changes) for (const w of o.why) why.push(el('li', {}, el('b', {}, o.owner), ': ', describeWhy(w)));
  $('#stage-why').replaceChildren(...why);
}

function describeWhy(w) {
  if (typeof w === 'string') return w;
  return Object.entries(w).map(([k, v]) => k + ' ' + Object.entries(v).map(([p, s]) =>
    p + (typeof s === 'string' ? ' (' + s + ')' : ' (' + Object.entries(s).map(([a, b]) => a + ' ' + b).join(', ') + ')')).join(', ')).join('; ');
}

// ---- queue and runs

function renderParamInputs() {
  const ws = state.rows.find(r => r.type === 'workspace');
  if (!ws) return;
  const box = $('#param-inputs');
  const current = Object.fromEntries([...box.querySelectorAll('input')].map(i => [i.name, i.value]));
  box.replaceChildren(...Object.entries(ws.params).filter(([, v]) => v == null || typeof v !== 'object').map(([k, v]) => {
    const [file, key] = [k.split(':')[0], k.split(':').slice(1).join(':')];
    const name = file === 'params.yaml' ? key : k;
    return el('label', {}, name + ' ', el('input', { name, 'data-param': name, 'data-original': fmt(v),
      value: current[name] ?? fmt(v), size: 8 }));
  }));
}

async function queueFromForm(ev) {
  ev.preventDefault();
  const params = [...$('#param-inputs').querySelectorAll('input')]
    .filter(i => i.value !== i.dataset.original).map(i => i.name + '=' + i.value);
  for (const p of $('#extra-params').value.split(',').map(s => s.trim()).filter(Boolean)) params.push(p);
  try {
    const res = await api('/queue', { params, name: $('#exp-name').value || null });
    say('Queued ' + res.queued + (params.length ? ' with ' + params.join(' ') : ''));
    $('#exp-name').value = '';
    $('#extra-params').value = '';
    $('#param-inputs').querySelectorAll('input').forEach(i => { i.value = i.dataset.original; });
    await loadExperiments();
  } catch (e) { say(e.message, true); }
}

async function runQueue() {
  try {
    const job = await api('/run-queue', { jobs: Number($('#jobs').value) || 1 });
    say('Running the queue: ' + job.experiments.join(', '));
    await Promise.all([loadExperiments(), loadRuns()]);
  } catch (e) { say(e.message, true); }
}

async function loadRuns() {
  const res = await api('/runs');
  $('#runs').replaceChildren(...res.runs.map(j => el('details', { class: 'run ' + j.state, 'data-run': j.id, open: j.state === 'running' },
    el('summary', {}, el('span', { class: 'badge ' + j.state }, j.state), ' ', j.title, j.stage ? ' · stage ' + j.stage : '',
      j.error ? el('span', { class: 'error' }, ' · ' + j.error) : null),
    el('pre', { class: 'log' }, j.log.slice(-200).join('\n')))));
}

async function act(label, path, body) {
  try {
    const res = await api(path, body);
    say(label + ': ' + Object.values(res).flat().join(', '));
    state.selected.clear();
    await refreshAll();
  } catch (e) { say(e.message, true); }
}

// ---- report

async function loadReport() {
  const out = $('#report');
  out.textContent = 'Building the report…';
  try {
    const res = await api('/report?base=' + encodeURIComponent($('#report-base').value));
    out.textContent = res.markdown;
    out.classList.remove('muted');
  } catch (e) { out.textContent = e.message; out.classList.add('muted'); }
}

// ---- loading and events

async function loadExperiments() {
  const num = Math.max(1, Math.min(50, Number($('#num').value) || 1));
  const res = await api('/experiments?num=' + num);
  state.rows = buildRows(res);
  state.columns = columnsOf(state.rows);
  const revs = new Set(state.rows.map(r => r.rev));
  for (const r of [...state.selected]) if (!revs.has(r)) state.selected.delete(r);
  renderTable();
  renderParamInputs();
  renderScatterControls();
}

async function refreshAll() {
  await Promise.all([loadExperiments().then(loadPlots), loadPipeline(), loadLive(), loadRuns()].map(p => p.catch(e => say(e.message, true))));
}

const pending = new Set();
let timer = null;
function schedule(what) {
  pending.add(what);
  if (timer) return;
  timer = setTimeout(async () => {
    const todo = [...pending];
    pending.clear();
    timer = null;
    const jobs = [];
    if (todo.includes('experiments')) jobs.push(loadExperiments().then(loadPlots), loadRuns());
    if (todo.includes('pipeline')) jobs.push(loadPipeline());
    if (todo.includes('live')) jobs.push(loadLive());
    await Promise.all(jobs.map(p => p.catch(e => say(e.message, true))));
  }, 150);
}

// Server-sent events read with fetch (EventSource cannot send the token header); reconnects after a pause.
async function listen() {
  for (;;) {
    try {
      const r = await fetch('/api/events', { headers: { 'X-Cairn-Token': token }, cache: 'no-store' });
      if (!r.ok) throw new Error('events: ' + r.status);
      $('#conn').textContent = 'live';
      $('#conn').className = 'badge ok';
      const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const m = /^event: (\w+)/m.exec(block);
          if (m) schedule(m[1]);
        }
      }
    } catch (e) { /* the server stopped or restarted */ }
    $('#conn').textContent = 'disconnected';
    $('#conn').className = 'badge failed';
    await new Promise(res => setTimeout(res, 2000));
  }
}

async function main() {
  if (!token) {
    say('No session token: open the URL that cairn ui printed (it ends with #token=…).', true);
    return;
  }
  try {
    const s = await api('/session');
    state.writable = s.writable;
    $('#root').textContent = s.root;
    $('#mode').textContent = s.writable ? 'read-write' : 'read-only';
    document.body.classList.toggle('read-only', !s.writable);
    document.querySelectorAll('.write').forEach(b => { b.disabled = !s.writable; });
  } catch (e) { say(e.message, true); return; }
  $('#filter').addEventListener('input', renderTable);
  $('#only-changed').addEventListener('change', renderTable);
  $('#starred-only').addEventListener('change', renderTable);
  $('#num').addEventListener('change', () => loadExperiments().catch(e => say(e.message, true)));
  $('#scatter-x').addEventListener('change', () => { $('#scatter-x').dataset.touched = 'yes'; drawScatter(); });
  $('#scatter-y').addEventListener('change', drawScatter);
  $('#queue-form').addEventListener('submit', queueFromForm);
  $('#run-queue').addEventListener('click', runQueue);
  $('#report-button').addEventListener('click', loadReport);
  $('#set-baseline').addEventListener('click', () => { state.baseline = selectedRows()[0].rev; renderTable(); });
  $('#clear-baseline').addEventListener('click', () => { state.baseline = null; renderTable(); });
  $('#apply').addEventListener('click', () => act('Applied', '/apply', { exp: selectedRows()[0].name }));
  $('#branch').addEventListener('click', () => {
    const r = selectedRows()[0];
    const name = prompt('New branch name', r.name + '-branch');
    if (name) act('Branch', '/branch', { exp: r.name, branch: name });
  });
  $('#remove').addEventListener('click', () => {
    const names = selectedRows().map(r => r.name);
    if (confirm('Remove ' + names.join(', ') + '?')) act('Removed', '/remove', { exps: names });
  });
  $('#save-view').addEventListener('click', () => {
    const name = $('#view-name').value.trim();
    if (!name) return;
    const views = store.get('views', {});
    views[name] = { hidden: [...state.hidden], pinned: [...state.pinned], order: state.order, sort: state.sort, filter: $('#filter').value,
      onlyChanged: $('#only-changed').checked, baseline: state.baseline };
    store.set('views', views);
    renderViews();
  });
  renderViews();
  await refreshAll();
  document.body.dataset.ready = 'true';
  listen();
}

main();
