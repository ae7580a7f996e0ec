// Vega-Lite specs for Cairn's plot model (dev.cairn.plots): DVC's templates by kind, one colour per series.

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const ZOOM = [{ name: 'zoom', select: 'interval', bind: 'scales' }];

/** Rows {series, x, y} of a plot; label(revision) names a revision for the legend. */
export function rows(plot, label) {
  const fields = new Set(plot.series.map(s => s.field));
  const out = [];
  for (const s of plot.series) {
    const name = label(s.revision) + (fields.size > 1 ? ' ' + s.field : '');
    for (let i = 0; i < s.xs.length; i++) out.push({ series: name, x: s.xs[i], y: s.ys[i] });
  }
  return out;
}

/** The Vega-Lite spec of one plot. */
export function specFor(plot, label) {
  const values = rows(plot, label);
  const base = {
    $schema: SCHEMA,
    title: plot.title || plot.id,
    width: 'container',
    height: 220,
    data: { values },
    config: { legend: { orient: 'bottom', labelLimit: 240 } },
  };
  const x = plot.x_label || 'x';
  const y = plot.y_label || 'y';
  const color = { field: 'series', type: 'nominal', title: null };
  switch (plot.kind) {
    case 'scatter':
      return { ...base, params: ZOOM, mark: { type: 'point', filled: true, tooltip: true },
        encoding: { x: { field: 'x', type: 'quantitative', title: x }, y: { field: 'y', type: 'quantitative', title: y }, color } };
    case 'smooth':
      return { ...base, layer: [
        { params: ZOOM, mark: { type: 'point', opacity: 0.3, size: 12 }, encoding: { x: { field: 'x', type: 'quantitative', title: x }, y: { field: 'y', type: 'quantitative', title: y }, color } },
        { transform: [{ loess: 'y', on: 'x', groupby: ['series'], bandwidth: 0.3 }], mark: 'line',
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color } }] };
    case 'bar_horizontal':
      return { ...base, mark: { type: 'bar', tooltip: true },
        encoding: { y: { field: 'y', type: 'nominal', title: y }, x: { field: 'x', type: 'quantitative', title: x }, color, yOffset: { field: 'series' } } };
    case 'confusion':
    case 'confusion_normalized': {
      const norm = plot.kind === 'confusion_normalized';
      return { ...base, height: 180, width: 180,
        transform: [
          { aggregate: [{ op: 'count', as: 'n' }], groupby: ['series', 'x', 'y'] },
          { joinaggregate: [{ op: 'sum', field: 'n', as: 'row' }], groupby: ['series', 'x'] },
          { calculate: norm ? 'datum.n / datum.row' : 'datum.n', as: 'value' }],
        facet: { field: 'series', type: 'nominal', title: null },
        spec: { layer: [
          { mark: 'rect', encoding: { x: { field: 'y', type: 'nominal', title: y }, y: { field: 'x', type: 'nominal', title: x },
            color: { field: 'value', type: 'quantitative', title: norm ? 'share' : 'count' } } },
          { mark: { type: 'text' }, encoding: { x: { field: 'y', type: 'nominal' }, y: { field: 'x', type: 'nominal' },
            text: { field: 'value', type: 'quantitative', format: norm ? '.2f' : 'd' } } }] },
        data: { values } };
    }
    default:
      return { ...base, params: ZOOM, mark: { type: 'line', tooltip: true, point: values.length <= 60 },
        encoding: { x: { field: 'x', type: 'quantitative', title: x }, y: { field: 'y', type: 'quantitative', title: y }, color } };
  }
}

/** A scatter of one value against another over experiments: points {label, x, y}. */
export function scatterSpec(points, xTitle, yTitle) {
  return {
    $schema: SCHEMA, width: 'container', height: 220, data: { values: points },
    layer: [
      { params: ZOOM, mark: { type: 'point', filled: true, size: 70, tooltip: true },
        encoding: { x: { field: 'x', type: 'quantitative', title: xTitle, scale: { zero: false, padding: 16 } },
          y: { field: 'y', type: 'quantitative', title: yTitle, scale: { zero: false, padding: 16 } }, color: { field: 'label', type: 'nominal', legend: null } } },
      { mark: { type: 'text', dy: -9, fontSize: 10 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } } }],
  };
}

/** Step curves of a live run: points {metric, step, value}. */
export function liveSpec(points) {
  return {
    $schema: SCHEMA, width: 'container', height: 160, data: { values: points },
    mark: { type: 'line', point: points.length <= 60, tooltip: true },
    encoding: { x: { field: 'step', type: 'quantitative' }, y: { field: 'value', type: 'quantitative', scale: { zero: false } },
      color: { field: 'metric', type: 'nominal', title: null } },
    config: { legend: { orient: 'bottom' } },
  };
}

/** A metric over commit time: points {label, x (ISO time), y, kind}, baselines joined by a line. */
export function trendSpec(points, yTitle) {
  return {
    $schema: SCHEMA, width: 'container', height: 220, data: { values: points },
    layer: [
      { transform: [{ filter: "datum.kind === 'baseline'" }], mark: { type: 'line', color: '#9aa3ae' },
        encoding: { x: { field: 'x', type: 'temporal', title: 'commit time' }, y: { field: 'y', type: 'quantitative' } } },
      { params: ZOOM, mark: { type: 'point', filled: true, size: 60, tooltip: true },
        encoding: { x: { field: 'x', type: 'temporal' }, y: { field: 'y', type: 'quantitative', title: yTitle, scale: { zero: false, padding: 16 } },
          shape: { field: 'kind', type: 'nominal', title: null } } },
    ],
  };
}
