/**
 * End-to-end test of the playground (issue 21) in headless Chromium: builds the page, serves it on
 * 127.0.0.1, stores three patterns (one drawn with the mouse, two random), trains, corrupts one by
 * 20%, runs recall, and checks (1) the page reports convergence to the cued pattern, (2) the overlap
 * plot ends at overlap 1 with that pattern, (3) the page's downloadable spec rebuilt in Node gives the
 * same run (same flips, sweeps, final state = the cued pattern), (4) the capacity sweep in the Web
 * Worker gives exactly the numbers of `capacitySweep` in Node for the same options and seed. It then
 * checks the WebAssembly SIMD kernels against their scalar loops in Chromium and in Node
 * (test/playground/simd-check.ts), measures the playback frame rate at N = 784 (MNIST digits, plots live; reported, not asserted) and
 * saves screenshots under out/.
 *
 * Run: npm run test:playground (tsx with playground/tsconfig.json, which maps 'kmn' to index.ts)  (Debian's chromium at /usr/bin/chromium or $CHROMIUM; `--no-build`
 * serves an existing playground/dist).
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { bipolarPatterns, buildNetwork, createRng, loadNetwork, networkSpec, patternRow, randomBipolar, specRunOptions } from 'kmn';
import { capacitySweep } from '../../playground/src/capacity-sweep.ts';
import { decodeBits } from '../../playground/src/page-state.ts';
import * as esbuild from 'esbuild';
import { simdCheck } from './simd-check.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'playground/dist');
const out = join(root, 'out');
const started = performance.now();
const log = (text) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${text}`);

// Node first: the sweep's counts against an independent plain loop. For each load and trial, the
// same random patterns (same seeded streams); each neuron i gets a perceptron written here on its
// local problem (inputs xi^mu without component i, label xi_i^mu, no bias). Novikoff: it converges
// iff the examples are linearly separable, so its count of converged neurons must equal the
// sweep's count of separating neurons (the library's perceptron, another presentation order).
{
  const options = { N: 12, loads: [4, 8, 12, 16, 20, 24, 28, 32], trials: 3, kernel: { name: 'linear', params: {} }, rule: { name: 'perceptron', options: {} }, seed: 5, maxEpochs: 1500 };
  const points = capacitySweep(options);
  const { N } = options;
  for (const [k, M] of options.loads.entries()) {
    let separable = 0;
    for (let t = 0; t < options.trials; t++) {
      const X = randomBipolar({ count: M, dim: N }, createRng(options.seed).child('capacity').child(`M:${M}`).child(`trial:${t}`).child('patterns'));
      for (let i = 0; i < N; i++) {
        const w = new Float64Array(N); // w[i] stays 0: no self-connection
        for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
          let updates = 0;
          for (let mu = 0; mu < M; mu++) {
            const y = X.data[mu * N + i];
            let h = 0;
            for (let j = 0; j < N; j++) if (j !== i) h += w[j] * X.data[mu * N + j];
            if (y * h <= 0) { updates++; for (let j = 0; j < N; j++) if (j !== i) w[j] += y * X.data[mu * N + j]; }
          }
          if (updates === 0) { separable++; break; }
        }
      }
    }
    assert.equal(points[k].separatingNeurons, separable, `separating neurons at M = ${M}: capacitySweep vs a plain perceptron loop`);
  }
  log(`capacitySweep counts equal a plain-loop perceptron at N = 12 (${points.map((p) => p.separatingNeurons).join(' ')} of ${N * options.trials})`);
}

if (!process.argv.includes('--no-build')) {
  await build({ configFile: join(root, 'playground/vite.config.ts'), logLevel: 'warn' });
  log('built playground/dist');
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };
/** Serves playground/dist on a free port of 127.0.0.1. */
function serve() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist) || !statSync(file, { throwIfNoEntry: false })?.isFile()) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` });
  }));
}

async function setValue(page, selector, value) {
  await page.$eval(selector, (el, v) => {
    const e = el;
    e.value = v;
    e.dispatchEvent(new Event('input', { bubbles: true }));
    e.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** Draws a thick plus sign on the 16 x 16 editor with the mouse. */
async function drawPlus(page) {
  const box = await page.locator('#editor').boundingBox();
  const cell = box.width / 16;
  const at = (c, r) => [box.x + (c + 0.5) * cell, box.y + (r + 0.5) * cell];
  for (const [from, to] of [[[7, 2], [7, 13]], [[8, 2], [8, 13]], [[2, 7], [13, 7]], [[2, 8], [13, 8]]]) {
    await page.mouse.move(...at(from[0], from[1]));
    await page.mouse.down();
    for (let k = 1; k <= 12; k++) await page.mouse.move(...at(from[0] + ((to[0] - from[0]) * k) / 12, from[1] + ((to[1] - from[1]) * k) / 12));
    await page.mouse.up();
  }
}

const { server, url } = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1480, height: 1060 } });
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') failures.push(`console error: ${m.text()}`); });
  // Offline: the page must not ask for anything but its own files.
  page.on('request', (r) => { if (!r.url().startsWith(url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) failures.push(`external request: ${r.url()}`); });
  await page.goto(url);
  log(`page loaded from ${url}`);

  // The WebAssembly SIMD kernels against their scalar references, in Chromium's main thread and in
  // Node (test/playground/simd-check.ts): no failure in either, and the same bits in both.
  {
    const bundled = await esbuild.build({ entryPoints: [join(root, 'test/playground/simd-check.ts')], bundle: true, format: 'iife', globalName: 'kmnSimdCheck', write: false, platform: 'browser', logLevel: 'silent' });
    await page.addScriptTag({ content: bundled.outputFiles[0].text });
    const inBrowser = await page.evaluate(() => window.kmnSimdCheck.simdCheck(7));
    const inNode = simdCheck(7);
    assert.deepEqual(inBrowser.failures, [], 'SIMD kernels equal their scalar references in Chromium');
    assert.deepEqual(inNode.failures, [], 'SIMD kernels equal their scalar references in Node');
    assert.ok(inBrowser.simd && inNode.simd, 'both engines run the WebAssembly SIMD kernels (not the fallback)');
    assert.equal(inBrowser.digest, inNode.digest, 'Chromium and Node compute the same bits');
    log(`SIMD kernels: ${inBrowser.checks} checks against the scalar loops pass in Chromium and in Node, digest ${inBrowser.digest} in both`);
  }

  // Store: one pattern drawn with the mouse, two random ones.
  await drawPlus(page);
  await page.click('#add-drawn');
  await page.click('#add-random');
  await page.click('#add-random');
  assert.equal(await page.getAttribute('#thumbs', 'data-count'), '3', 'three patterns stored');
  const drawn = decodeBits((await page.evaluate(() => window.kmnPlayground.state())).patterns[0], 256);
  assert.equal(drawn.filter((v) => v > 0).length, 4 * 12 - 4, 'the drawn plus has 2 x 2 x 12 - 4 ink pixels');

  // Train (Kernel-Adatron on point neurons, the defaults): every neuron stores every pattern.
  await page.click('#train');
  assert.equal(await page.getAttribute('#train-status', 'data-trained'), 'true');
  assert.equal(await page.getAttribute('#train-status', 'data-separates'), '256', 'all 256 neurons separate their three examples');

  // Corrupt pattern 2 by 20% and run recall.
  await page.selectOption('#cue-pattern', '1');
  await setValue(page, '#noise', '0.2');
  await page.click('#corrupt');
  const before = await page.evaluate(() => window.kmnPlayground.state());
  const cue = decodeBits(before.cue, 256);
  const target = decodeBits(before.patterns[1], 256);
  assert.equal(cue.filter((v, i) => v !== target[i]).length, Math.round(0.2 * 256), 'the cue has exactly 20% of its bits flipped');
  await page.click('#run');
  await page.waitForSelector('#recall-status[data-state="done"]', { timeout: 60_000 });
  const status = await page.$eval('#recall-status', (el) => ({ ...el.dataset, text: el.textContent }));
  log(`recall: ${status.text}`);
  assert.equal(status.converged, 'true', 'the page reports a fixed point');
  assert.equal(status.retrieved, '1', 'the page reports the cued pattern as the closest one');
  assert.equal(Number(status.overlap), 1, 'overlap 1: the cued pattern exactly');
  const overlaps = JSON.parse(await page.getAttribute('#overlaps', 'data-final-overlaps'));
  assert.equal(overlaps.length, 3);
  assert.equal(overlaps[1], 1, 'the overlap plot ends at m = 1 for the cued pattern');
  for (const mu of [0, 2]) assert.ok(Math.abs(overlaps[mu]) < 0.5, `the overlap plot ends far from pattern ${mu + 1} (${overlaps[mu]})`);

  // The downloadable spec reproduces the run in Node: retrained from spec + patterns, and loaded from the snapshot.
  const spec = await page.evaluate(() => window.kmnPlayground.spec());
  const X = bipolarPatterns(Int8Array.from(spec.patterns.flatMap((p) => [...decodeBits(p, 256)])), { count: 3, dim: 256 });
  const rebuilt = buildNetwork(networkSpec(spec.spec), X);
  const loaded = loadNetwork(JSON.stringify(spec.network));
  for (const net of [rebuilt.network, loaded.network]) {
    const r = net.run(decodeBits(spec.cue, 256), specRunOptions(networkSpec(spec.spec), 0));
    assert.equal(r.converged, true);
    assert.equal(String(r.sweeps), status.sweeps, 'same number of sweeps in Node');
    assert.deepEqual([...r.state], [...patternRow(X, 1)], 'Node retrieves the cued pattern from the page\'s cue');
  }
  assert.deepEqual([...loaded.network.alpha], [...rebuilt.network.alpha], 'the page\'s trained coefficients equal Node\'s retraining from the spec');
  log('the downloaded spec reproduces the recall in Node (retrained and loaded)');

  // The Download button writes that same JSON; the URL alone restores the page.
  mkdirSync(out, { recursive: true });
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  await file.saveAs(join(out, 'playground-spec.json'));
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'playground-spec.json'), 'utf8')), spec, 'the downloaded file is the page spec');
  await page.reload();
  await page.waitForSelector('#train-status[data-trained="true"]');
  const restored = await page.evaluate(() => window.kmnPlayground.state());
  assert.deepEqual(restored, before, 'reloading the URL restores patterns, options, seed and cue (and retrains)');
  log('download written to out/playground-spec.json; the URL restores the page');
  await page.click('#run');
  await page.waitForSelector('#recall-status[data-state="done"]', { timeout: 60_000 });
  assert.equal(await page.getAttribute('#recall-status', 'data-sweeps'), status.sweeps, 'the restored page replays the same run');

  // Capacity sweep in the Web Worker = the same function in Node.
  await setValue(page, '#sweep-n', '16');
  await setValue(page, '#sweep-load', '2.5');
  await setValue(page, '#sweep-trials', '4');
  await page.click('#sweep');
  await page.waitForSelector('#sweep-status[data-state="done"]', { timeout: 120_000 });
  const sweep = await page.evaluate(() => window.kmnPlayground.sweep());
  assert.equal(await page.$eval('#sweep-progress', (el) => el.value === el.max), true, 'progress reached the end');
  const node = capacitySweep(sweep.options);
  // Measured counts must be identical. Cover's curve goes through Math.exp / Math.log, whose last bit
  // may differ between Node's V8 and Chromium's (observed: 1 ulp), so it is compared to 1e-12.
  const counts = (p) => ({ M: p.M, load: p.load, separatingNeurons: p.separatingNeurons, neurons: p.neurons, storedTrials: p.storedTrials, trials: p.trials });
  assert.deepEqual(sweep.points.map(counts), node.map(counts), 'the worker\'s sweep equals the Node call for the same options and seed');
  sweep.points.forEach((p, k) => {
    for (const key of ['coverNeuron', 'coverNetwork']) assert.ok(Math.abs(p[key] - node[k][key]) <= 1e-12 * Math.abs(node[k][key]), `${key} at M = ${p.M}`);
  });
  assert.ok(sweep.points.some((p) => p.storedTrials < p.trials) && sweep.points.some((p) => p.storedTrials === p.trials), 'the sweep crosses the capacity');
  log(`capacity sweep: ${sweep.points.length} loads x ${sweep.options.trials} trials in ${(sweep.ms / 1000).toFixed(1)} s in the worker, identical in Node`);

  await page.screenshot({ path: join(out, 'playground.png'), fullPage: true });
  log('screenshot out/playground.png');

  // Frame rate at N = 784: ten MNIST digits, recall replayed at 18 updates per frame with every plot live.
  await page.click('#add-digits');
  await page.click('#train');
  assert.equal(await page.getAttribute('#train-status', 'data-trained'), 'true');
  await page.selectOption('#cue-pattern', '3');
  await setValue(page, '#noise', '0.2');
  await page.click('#corrupt');
  await setValue(page, '#speed', '30');
  await page.click('#run');
  await page.waitForSelector('#recall-status[data-state="done"]', { timeout: 120_000 });
  const fps = await page.evaluate(() => window.kmnPlayground.fps());
  const digitStatus = await page.$eval('#recall-status', (el) => el.textContent);
  log(`N = ${fps.n}, T = 0: ${fps.frames} frames in ${(fps.ms / 1000).toFixed(2)} s = ${fps.fps.toFixed(1)} frames per second, ${fps.updatesPerFrame} updates and ${fps.workMsPerFrame.toFixed(2)} ms of script per frame (${digitStatus})`);
  assert.equal(await page.getAttribute('#recall-status', 'data-retrieved'), '3', 'digit 3 is retrieved from its 20% corrupted cue');
  await page.screenshot({ path: join(out, 'playground-digits.png'), fullPage: true });
  // A noisy run (Glauber T > 0, 20 sweeps of flips) stresses the live plots: thousands of flips.
  await setValue(page, '#glauber', '0.5');
  await page.click('#corrupt');
  await setValue(page, '#speed', '45');
  await page.click('#run');
  await page.waitForSelector('#recall-status[data-state="done"]', { timeout: 120_000 });
  const noisy = await page.evaluate(() => window.kmnPlayground.fps());
  const flips = await page.getAttribute('#overlaps', 'data-drawn-flips');
  log(`N = ${noisy.n}, T = 0.5: ${flips} flips, ${noisy.frames} frames in ${(noisy.ms / 1000).toFixed(2)} s = ${noisy.fps.toFixed(1)} frames per second, ${noisy.updatesPerFrame} updates and ${noisy.workMsPerFrame.toFixed(2)} ms of script per frame`);
  await page.screenshot({ path: join(out, 'playground-noisy.png'), fullPage: true });
} finally {
  await browser.close();
  server.close();
}
if (failures.length > 0) throw new Error(`the page reported problems:\n${failures.join('\n')}`);
log('playground end-to-end test passed');
