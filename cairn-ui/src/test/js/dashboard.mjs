// Browser scenarios for cairn ui, run by UiBrowserIT: Debian's Chromium driven by playwright-core (no browser
// download). Usage: node dashboard.mjs <scenario> <page URL> <output dir>. Prints one JSON line with what it saw;
// exits non-zero with the reason when a step fails.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [scenario, url, outDir] = process.argv.slice(2);

const rowsOf = (page, type) => page.$$eval(`#exp-table tbody tr[data-type="${type}"]`, trs => trs.map(t => t.dataset.name));
const colValues = (page, col) => page.$$eval(`#exp-table tbody tr[data-type="experiment"] td[data-col="${col}"]`,
  tds => tds.map(td => Number(td.title)));

async function selectRows(page, names) {
  for (const n of names) {
    await page.check(`#exp-table tbody tr[data-name="${n}"][data-type="experiment"] input.select`);
  }
}

/** The plots whose SVG has n line series (one path per series in Vega's line mark). */
async function plotsWithSeries(page, n) {
  return page.$$eval('#plots .plot', (boxes, n) => boxes.filter(b => b.querySelectorAll('svg g.mark-line path').length === n)
    .map(b => ({ id: b.dataset.plot, paths: b.querySelectorAll('svg g.mark-line path').length,
      legend: [...b.querySelectorAll('svg g.role-legend-label text')].map(t => t.textContent) })), n);
}

const scenarios = {
  async table(page, out) {
    out.experiments = await rowsOf(page, 'experiment');
    out.baselines = await rowsOf(page, 'baseline');
    out.workspace = (await rowsOf(page, 'workspace')).length;
    await page.click('#exp-table thead th[data-col="acc"]');
    out.ascending = await colValues(page, 'acc');
    await page.click('#exp-table thead th[data-col="acc"]');
    out.descending = await colValues(page, 'acc');
    out.orderDescending = await page.$$eval('#exp-table tbody tr[data-type="experiment"]', trs => trs.map(t => t.dataset.name));
    // filter and hide a column
    await page.fill('#filter', 'acc>0.7');
    out.filtered = await rowsOf(page, 'experiment');
    await page.fill('#filter', '');
    await page.click('#columns-menu summary');
    await page.uncheck('#columns label:has-text("loss") input');
    out.headersAfterHide = await page.$$eval('#exp-table thead th', ths => ths.map(t => t.dataset.col).filter(Boolean));
  },

  async plots(page, out) {
    const names = await rowsOf(page, 'experiment');
    await selectRows(page, names.slice(0, 2));
    // one selected row is drawn with the workspace (two series too): wait for the two selected rows' series
    await page.waitForFunction(sel => [...document.querySelectorAll('#plots .plot')].some(b => {
      const legend = [...b.querySelectorAll('svg g.role-legend-label text')].map(t => t.textContent);
      return b.querySelectorAll('svg g.mark-line path').length === 2 && sel.every(n => legend.includes(n));
    }), names.slice(0, 2));
    out.selected = names.slice(0, 2);
    out.twoSeries = await plotsWithSeries(page, 2);
    await page.waitForSelector('#images .image-plot figure img');
    out.images = await page.$$eval('#images .image-plot', ps => ps.map(p => ({ id: p.dataset.plot,
      revs: [...p.querySelectorAll('figure')].map(f => f.dataset.rev),
      loaded: [...p.querySelectorAll('img')].every(i => i.complete && i.naturalWidth === 4) })));
    out.compareDiffers = await page.$$eval('#compare tr.differs', trs => trs.map(t => t.dataset.col));
    await page.selectOption('#scatter-x', { label: 'train.C' });
    await page.selectOption('#scatter-y', { label: 'acc' });
    await page.waitForFunction(() => document.querySelectorAll('#scatter svg g.mark-symbol path').length >= 3);
    out.scatterPoints = await page.$$eval('#scatter svg g.mark-symbol path', p => p.length);
    await page.waitForSelector('#dag svg g.stage');
    out.stages = await page.$$eval('#dag g.stage', gs => gs.map(g => ({ name: g.dataset.stage, state: g.dataset.state })));
    if (outDir) {
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(outDir, 'cairn-ui.png'), fullPage: true });
      out.screenshot = join(outDir, 'cairn-ui.png');
    }
  },

  async queue(page, out) {
    await page.fill('#param-inputs input[data-param="train.C"]', '7');
    await page.fill('#exp-name', 'c7');
    await page.click('#queue-button');
    await page.waitForSelector('#exp-table tbody tr[data-name="c7"][data-type="queued"]');
    out.queuedState = await page.getAttribute('#exp-table tbody tr[data-name="c7"]', 'data-state');
    out.queuedParam = await page.textContent('#exp-table tbody tr[data-name="c7"] td[data-col="train.C"]');
    await page.click('#run-queue');
    await page.waitForSelector('#exp-table tbody tr[data-name="c7"][data-type="experiment"]', { timeout: 120000 });
    out.finishedAcc = Number(await page.getAttribute('#exp-table tbody tr[data-name="c7"][data-type="experiment"] td[data-col="acc"]', 'title'));
    out.finishedC = Number(await page.getAttribute('#exp-table tbody tr[data-name="c7"][data-type="experiment"] td[data-col="train.C"]', 'title'));
    await page.waitForSelector('#runs details.run.done');
    out.runLog = await page.textContent('#runs details.run pre.log');
    // the entry leaves the queue just after its experiment is made: the page follows without a reload
    await page.waitForFunction(() => !document.querySelector('#exp-table tbody tr[data-type="queued"]'), null,
      { timeout: 30000 }).catch(() => {});
    out.queuedLeft = (await rowsOf(page, 'queued')).length;
  },

  async live(page, out) {
    const sel = '#live dd[data-live-metric="step"]';
    await page.waitForSelector(sel, { timeout: 30000 });
    const seen = [await page.textContent(sel)];
    const deadline = Date.now() + 40000;
    while (new Set(seen).size < 3 && Date.now() < deadline) {
      await page.waitForFunction(([s, last]) => { const e = document.querySelector(s); return e && e.textContent !== last; },
        [sel, seen[seen.length - 1]], { timeout: 20000 });
      seen.push(await page.textContent(sel));
    }
    out.steps = seen;
    out.reloads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    out.liveChartLines = await page.$$eval('#live .live-chart svg g.mark-line path', p => p.length);
    out.runningBadge = await page.$$eval('#live .badge.running', b => b.length);
  },
};

const executablePath = process.env.CAIRN_CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'cairn-ui-chromium-'));
// a new, empty profile directory (Chromium's --user-data-dir, which Playwright passes for a persistent context)
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const result = { scenario };
const external = [];
const consoleErrors = [];
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('request', r => { if (!r.url().startsWith(new URL(url).origin) && !r.url().startsWith('data:')) external.push(r.url()); });
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => consoleErrors.push(String(e)));
  page.setDefaultTimeout(30000);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  result.addressBar = page.url();
  await scenarios[scenario](page, result);
  result.externalRequests = external;
  result.consoleErrors = consoleErrors;
  console.log(JSON.stringify(result));
} catch (e) {
  if (outDir) await context.pages()[0]?.screenshot({ path: join(outDir, `failed-${scenario}.png`), fullPage: true }).catch(() => {});
  console.error(`scenario ${scenario} failed: ${e.message}`);
  console.error(JSON.stringify({ ...result, externalRequests: external, consoleErrors }));
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
