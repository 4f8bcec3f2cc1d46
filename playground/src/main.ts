import { bipolarPatterns, buildNetwork, createRng, flipBits, patternRow, randomBipolar, saveNetwork, type BuiltNetwork } from 'kmn';
import type { CapacityPoint, CapacitySweepOptions } from './capacity-sweep.js';
import type { WorkerReply } from './capacity-worker.js';
import digits from './digits.json';
import { defaultState, pageSpec, stateFromJson, stateToJson, sweepOptions, decodeBits, type NeuronChoice, type PageState, type RuleChoice } from './page-state.js';
import { drawAxes, drawGrid, drawLegend, palette, type Frame } from './plots.js';
import { recordRecall, retrieved, type RecallRecording } from './recall.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const input = (id: string): HTMLInputElement => $<HTMLInputElement>(id);
const select = (id: string): HTMLSelectElement => $<HTMLSelectElement>(id);

let state: PageState = { ...defaultState };
let labels: (number | null)[] = [];
let built: BuiltNetwork | null = null;
let editor = new Int8Array(state.width * state.height).fill(-1);
/** The last capacity sweep: its options and points (read by the end-to-end test). */
let sweep: { options: CapacitySweepOptions; points: CapacityPoint[]; ms: number } | null = null;

const n = (): number => state.width * state.height;

// ---------- page state: controls, URL ----------

function readControls(): void {
  state = {
    ...state,
    seed: Math.max(0, Math.floor(Number(input('seed').value) || 0)),
    neuron: select('neuron').value as NeuronChoice,
    degree: Math.min(6, Math.max(1, Math.floor(Number(input('degree').value) || 3))),
    temperature: Math.max(0.1, Number(input('temperature').value) || 20),
    radius: Math.min(0.5, Math.max(0.05, Number(input('radius').value) || 0.4)),
    rule: select('rule').value as RuleChoice,
    schedule: select('schedule').value as PageState['schedule'],
    noiseTemperature: Math.max(0, Number(input('glauber').value) || 0),
    cuePattern: Number(select('cue-pattern').value) || 0,
    cueNoise: Number(input('noise').value),
    sweep: { N: Math.min(64, Math.max(4, Math.floor(Number(input('sweep-n').value) || 20))), maxLoad: Math.min(4, Math.max(0.5, Number(input('sweep-load').value) || 2.5)), trials: Math.min(40, Math.max(1, Math.floor(Number(input('sweep-trials').value) || 6))) },
  };
  for (const [id, shown] of [['degree-box', state.neuron === 'poly'], ['temperature-box', state.neuron === 'exp'], ['radius-box', state.neuron === 'sdm']] as const) $(id).style.display = shown ? '' : 'none';
  saveUrl();
}

function writeControls(): void {
  input('seed').value = String(state.seed);
  select('neuron').value = state.neuron;
  input('degree').value = String(state.degree);
  input('temperature').value = String(state.temperature);
  input('radius').value = String(state.radius);
  select('rule').value = state.rule;
  select('schedule').value = state.schedule;
  input('glauber').value = String(state.noiseTemperature);
  input('noise').value = String(state.cueNoise);
  $('noise-out').textContent = `${Math.round(state.cueNoise * 100)}%`;
  select('grid-size').value = String(state.width);
  input('sweep-n').value = String(state.sweep.N);
  input('sweep-load').value = String(state.sweep.maxLoad);
  input('sweep-trials').value = String(state.sweep.trials);
}

const toBase64Url = (text: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string): string => new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

function saveUrl(): void {
  history.replaceState(null, '', `#s=${toBase64Url(JSON.stringify(stateToJson(state)))}`);
}

function toast(text: string): void {
  $('toast').textContent = text;
  setTimeout(() => { if ($('toast').textContent === text) $('toast').textContent = ''; }, 2500);
}

// ---------- store ----------

function renderThumbs(): void {
  const box = $('thumbs');
  box.replaceChildren();
  box.dataset.count = String(state.patterns.length);
  state.patterns.forEach((p, mu) => {
    const div = document.createElement('div');
    div.className = 'thumb';
    const c = document.createElement('canvas');
    c.width = 56;
    c.height = 56;
    c.style.borderColor = palette[mu % palette.length]!;
    c.title = 'click: copy into the grid';
    c.onclick = () => { editor = Int8Array.from(p); drawGrid($<HTMLCanvasElement>('editor'), editor, state.width, state.height); };
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = `ξ${mu + 1}${labels[mu] !== null && labels[mu] !== undefined ? ` (${labels[mu]})` : ''}`;
    const del = document.createElement('button');
    del.textContent = '×';
    del.title = 'forget this pattern';
    del.onclick = () => { state = { ...state, patterns: state.patterns.filter((_, k) => k !== mu) }; labels = labels.filter((_, k) => k !== mu); patternsChanged(); };
    div.append(c, label, del);
    box.append(div);
    drawGrid(c, p, state.width, state.height);
  });
  const cue = select('cue-pattern');
  cue.replaceChildren(...state.patterns.map((_, mu) => new Option(`ξ${mu + 1}${labels[mu] != null ? ` (digit ${labels[mu]})` : ''}`, String(mu))));
  cue.value = String(Math.min(state.cuePattern, Math.max(0, state.patterns.length - 1)));
}

function patternsChanged(): void {
  built = null;
  invalidateRecording();
  state = { ...state, cue: null, cuePattern: Math.min(state.cuePattern, Math.max(0, state.patterns.length - 1)) };
  renderThumbs();
  setStatus('train-status', `${state.patterns.length} pattern${state.patterns.length === 1 ? '' : 's'} stored; train to learn them.`, '', { trained: 'false' });
  drawMargins(null);
  resetRecallView();
  saveUrl();
}

function addPattern(p: Int8Array, label: number | null = null): void {
  if (state.patterns.some((q) => q.every((v, i) => v === p[i]))) { toast('that pattern is already stored'); return; }
  state = { ...state, patterns: [...state.patterns, p] };
  labels = [...labels, label];
  patternsChanged();
}

function setGrid(side: number): void {
  if (side === state.width) return;
  state = { ...state, width: side, height: side, patterns: [] };
  select('grid-size').value = String(side);
  labels = [];
  editor = new Int8Array(n()).fill(-1);
  drawGrid($<HTMLCanvasElement>('editor'), editor, state.width, state.height);
  patternsChanged();
}

function attachDrawing(canvas: HTMLCanvasElement, target: () => Int8Array | null, changed: () => void): void {
  let drawing = 0;
  const paint = (e: PointerEvent): void => {
    const t = target();
    if (!t || !drawing) return;
    const r = canvas.getBoundingClientRect();
    const cell = Math.min(r.width / state.width, r.height / state.height);
    const c = Math.floor((e.clientX - r.left) / cell);
    const row = Math.floor((e.clientY - r.top) / cell);
    if (c < 0 || row < 0 || c >= state.width || row >= state.height) return;
    const v = drawing as 1 | -1;
    const brush = state.width > 20 ? 1 : 0; // thicker strokes on the 28 x 28 grid
    for (let dy = -brush; dy <= brush; dy++) for (let dx = -brush; dx <= brush; dx++) {
      const x = c + dx;
      const y = row + dy;
      if (x >= 0 && y >= 0 && x < state.width && y < state.height) t[y * state.width + x] = v;
    }
    changed();
  };
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  canvas.addEventListener('pointerdown', (e) => { drawing = e.button === 2 || e.shiftKey ? -1 : 1; canvas.setPointerCapture(e.pointerId); paint(e); });
  canvas.addEventListener('pointermove', paint);
  canvas.addEventListener('pointerup', () => { drawing = 0; });
}

function patternSet() {
  const data = new Int8Array(state.patterns.length * n());
  state.patterns.forEach((p, mu) => data.set(p, mu * n()));
  return bipolarPatterns(data, { count: state.patterns.length, dim: n() });
}

function train(): boolean {
  readControls();
  if (state.patterns.length === 0) { setStatus('train-status', 'Store at least one pattern first.', 'bad', { trained: 'false' }); return false; }
  const t0 = performance.now();
  try {
    built = buildNetwork(pageSpec(state), patternSet());
  } catch (error) {
    built = null;
    setStatus('train-status', `Training failed: ${error instanceof Error ? error.message : String(error)}`, 'bad', { trained: 'false' });
    return false;
  }
  const ms = performance.now() - t0;
  invalidateRecording();
  const reports = built.training?.reports ?? [];
  const converged = reports.filter((r) => r.converged).length;
  const separates = reports.filter((r) => r.separates).length;
  const margins = reports.map((r) => r.margin).sort((a, b) => a - b);
  const median = margins[Math.floor(margins.length / 2)] ?? 0;
  setStatus('train-status',
    `Trained ${n()} neurons on ${state.patterns.length} patterns in ${ms.toFixed(0)} ms (${built.spec.rule?.name}, kernel ${built.spec.kernel.name}): ${converged}/${n()} converged, ${separates}/${n()} store every pattern; margin min ${margins[0]?.toPrecision(3)}, median ${median.toPrecision(3)}.`,
    separates === n() ? 'ok' : 'bad', { trained: 'true', converged: String(converged), separates: String(separates) });
  drawMargins(reports);
  if (!state.cue) corrupt();
  saveUrl();
  return true;
}

function drawMargins(reports: readonly { margin: number; separates: boolean }[] | null): void {
  const canvas = $<HTMLCanvasElement>('margins');
  if (!reports || reports.length !== n()) { drawGrid(canvas, new Int8Array(n()).fill(-1), state.width, state.height); return; }
  const ctx = canvas.getContext('2d')!;
  const cell = canvas.width / state.width;
  const top = Math.max(...reports.map((r) => r.margin), 1e-12);
  reports.forEach((r, i) => {
    const v = Math.max(0, r.margin) / top;
    ctx.fillStyle = r.separates ? `rgb(${Math.round(240 - 200 * v)}, ${Math.round(244 - 140 * v)}, ${Math.round(250 - 80 * v)})` : '#D55E00';
    ctx.fillRect((i % state.width) * cell, Math.floor(i / state.width) * cell, cell + 0.5, cell + 0.5);
  });
}

function setStatus(id: string, text: string, kind: '' | 'ok' | 'bad', data: Record<string, string> = {}): void {
  const el = $(id);
  el.textContent = text;
  el.className = `status ${kind}`;
  Object.assign(el.dataset, data);
}

// ---------- recall ----------

interface Playback {
  rec: RecallRecording;
  /** Next flip to apply. */
  next: number;
  /** Current update count. */
  t: number;
  s: Int8Array;
  raster: Frame;
  overlaps: Frame;
  energy: Frame;
  /** Flips already drawn on the plots. */
  drawn: number;
  frames: number;
  playMs: number;
  /** Script time spent in frames (advance + drawing). */
  workMs: number;
}

let playback: Playback | null = null;
let playing = false;
let lastFrame = 0;
let lastFps: { frames: number; ms: number; fps: number; n: number; workMsPerFrame: number; updatesPerFrame: number } | null = null;

function invalidateRecording(): void {
  playing = false;
  playback = null;
}

function speed(): number {
  const v = Number(input('speed').value) / 100;
  return Math.max(1, Math.round(10 ** (v * Math.log10(20 * n()))));
}

function corrupt(): void {
  readControls();
  if (state.patterns.length === 0) return;
  const mu = state.cuePattern;
  // The cue is a pure function of the seed, the pattern and the noise level; it is saved with the page.
  const rng = createRng(state.seed).child('cue').child(`${mu}:${state.cueNoise}`);
  state = { ...state, cue: flipBits(state.patterns[mu]!, state.cueNoise, rng) };
  invalidateRecording();
  resetRecallView();
  saveUrl();
}

function resetRecallView(): void {
  playing = false;
  const cue = state.cue ?? new Int8Array(n()).fill(-1);
  drawGrid($<HTMLCanvasElement>('state'), cue, state.width, state.height);
  for (const id of ['raster', 'overlaps', 'energy']) drawAxes($<HTMLCanvasElement>(id), { x: [0, 1], y: [0, 1], xTitle: 'updates', yTitle: '', title: id === 'raster' ? 'Raster (spikes$)' : id === 'overlaps' ? 'Overlaps m^μ with stored patterns' : 'Energy' });
  setStatus('recall-status', state.cue ? `Cue: ξ${state.cuePattern + 1} with ${Math.round(state.cueNoise * 100)}% of its bits flipped. Run to recall.` : 'Corrupt a stored pattern, then run.', '', { state: 'idle' });
  delete $('overlaps').dataset.finalOverlaps;
}

function startPlayback(): Playback | null {
  if (!built) if (!train()) return null;
  if (!state.cue) corrupt();
  const rec = recordRecall(built!.network, built!.spec, state.cue!, 0);
  const x: [number, number] = [0, Math.max(rec.duration, 1)];
  const raster = drawAxes($<HTMLCanvasElement>('raster'), { x, y: [0, rec.n], xTitle: 'updates', yTitle: 'neuron', title: `Raster of flips (spikes$, ${rec.time.length} flips)` });
  const overlaps = drawAxes($<HTMLCanvasElement>('overlaps'), { x, y: [-1, 1], xTitle: 'updates', yTitle: 'overlap m^μ = ξ^μ·s / N', title: 'Overlaps with every stored pattern' });
  drawLegend(overlaps, rec.m <= 4
    ? Array.from({ length: rec.m }, (_, mu) => ({ label: `ξ${mu + 1}${mu === state.cuePattern ? ' (cued)' : ''}`, color: palette[mu % palette.length]! }))
    : [{ label: `ξ${state.cuePattern + 1} (cued, thick)`, color: palette[state.cuePattern % palette.length]! }, { label: `${rec.m - 1} others (thumbnail colours)`, color: '#999999' }], 'bottom');
  const values = rec.energy ? Array.from(rec.energy) : rec.stepEnergy.map((e) => e.energy);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) { lo -= 1; hi += 1; }
  const pad = 0.06 * (hi - lo);
  const energy = drawAxes($<HTMLCanvasElement>('energy'), { x, y: [lo - pad, hi + pad], xTitle: 'updates', yTitle: 'E', title: rec.energyLabel.startsWith('Lyapunov') ? 'Energy (Lyapunov function)' : 'Energy, A = 1 reference' });
  drawLegend(energy, [{ label: rec.energy ? 'after each flip' : 'after each sweep', color: '#000000' }, { label: 'steps$ (sweep ends)', color: '#D55E00', point: true }]);
  playback = { rec, next: 0, t: 0, s: Int8Array.from(state.cue!), raster, overlaps, energy, drawn: 0, frames: 0, playMs: 0, workMs: 0 };
  drawPlots(playback);
  return playback;
}

/** Applies flips up to update count `t`. */
function advance(p: Playback, t: number): void {
  p.t = Math.min(t, p.rec.duration);
  while (p.next < p.rec.time.length && p.rec.time[p.next]! <= p.t) {
    p.s[p.rec.neuron[p.next]!] = p.rec.state[p.next]!;
    p.next++;
  }
}

function drawPlots(p: Playback): void {
  const { rec } = p;
  const m = rec.m;
  // Raster: one dot per flip (ink: to +1, orange: to -1).
  const r = p.raster;
  for (let e = p.drawn; e < p.next; e++) {
    r.ctx.fillStyle = rec.state[e]! > 0 ? '#1d2b3a' : '#D55E00';
    r.ctx.fillRect(r.sx(rec.time[e]!) - 1, r.sy(rec.neuron[e]! + 0.5) - 1, 2.2, 2.2);
  }
  // Overlaps and energy are piecewise constant between flips: draw steps from the last drawn flip.
  const steps = (f: Frame, value: (k: number) => number, color: string, width: number): void => {
    f.ctx.strokeStyle = color;
    f.ctx.lineWidth = width;
    f.ctx.beginPath();
    let x = p.drawn === 0 ? 0 : rec.time[p.drawn - 1]!;
    f.ctx.moveTo(f.sx(x), f.sy(value(p.drawn)));
    for (let e = p.drawn; e < p.next; e++) {
      x = rec.time[e]!;
      f.ctx.lineTo(f.sx(x), f.sy(value(e)));
      f.ctx.lineTo(f.sx(x), f.sy(value(e + 1)));
    }
    f.ctx.lineTo(f.sx(p.t), f.sy(value(p.next)));
    f.ctx.stroke();
  };
  for (let mu = 0; mu < m; mu++) steps(p.overlaps, (k) => rec.overlaps[k * m + mu]!, palette[mu % palette.length]!, mu === state.cuePattern ? 2.5 : 1.5);
  if (rec.energy) steps(p.energy, (k) => rec.energy![k]!, '#000000', 1.5);
  p.energy.ctx.fillStyle = '#D55E00';
  for (const e of rec.stepEnergy) if (e.updates <= p.t) { p.energy.ctx.beginPath(); p.energy.ctx.arc(p.energy.sx(e.updates), p.energy.sy(e.energy), 3, 0, 2 * Math.PI); p.energy.ctx.fill(); }
  // The next frame continues from the last flip (redrawing its horizontal piece up to its own time).
  p.drawn = p.next;
  const current = p.next < rec.time.length ? rec.neuron[p.next]! : -1;
  drawGrid($<HTMLCanvasElement>('state'), p.s, state.width, state.height, playing ? current : -1);
  const final = Array.from({ length: m }, (_, mu) => rec.overlaps[p.next * m + mu]!);
  $('overlaps').dataset.drawnFlips = String(p.next);
  $('overlaps').dataset.overlaps = JSON.stringify(final.map((v) => Number(v.toFixed(6))));
  if (p.t >= rec.duration) finish(p);
}

function finish(p: Playback): void {
  playing = false;
  const { rec } = p;
  const best = retrieved(rec);
  const cued = state.cuePattern;
  const hit = best.pattern === cued && best.overlap === 1;
  const how = rec.result.converged ? `reached a fixed point after ${rec.result.sweeps} sweep${rec.result.sweeps === 1 ? '' : 's'} (${rec.result.flips} flips)` : `did not reach a fixed point in ${rec.result.sweeps} sweeps`;
  const text = `${rec.result.converged ? 'Converged' : 'Stopped'}: ${how}. ${hit ? `Retrieved the cued pattern ξ${cued + 1} exactly (overlap 1).` : `Closest stored pattern: ξ${best.pattern + 1}, overlap ${best.overlap.toFixed(3)}${best.pattern === cued ? ' (the cued one, not exact)' : ` (cued: ξ${cued + 1})`}.`}`;
  setStatus('recall-status', text, hit ? 'ok' : 'bad', { state: 'done', converged: String(rec.result.converged), retrieved: String(best.pattern), overlap: String(best.overlap), cuePattern: String(cued), sweeps: String(rec.result.sweeps) });
  $('overlaps').dataset.finalOverlaps = $('overlaps').dataset.overlaps!;
  if (p.frames > 1) lastFps = { frames: p.frames, ms: p.playMs, fps: (1000 * (p.frames - 1)) / p.playMs, n: rec.n, workMsPerFrame: p.workMs / p.frames, updatesPerFrame: speed() };
  drawGrid($<HTMLCanvasElement>('state'), p.s, state.width, state.height);
}

function frame(now: number): void {
  if (!playing || !playback) return;
  const start = performance.now();
  const p = playback;
  if (p.frames > 0) p.playMs += now - lastFrame;
  lastFrame = now;
  p.frames++;
  advance(p, p.t + speed());
  drawPlots(p);
  p.workMs += performance.now() - start;
  if (playing) requestAnimationFrame(frame);
}

function run(): void {
  readControls();
  if (!playback || playback.t >= playback.rec.duration) startPlayback();
  if (!playback) return;
  playing = true;
  playback.frames = 0;
  playback.playMs = 0;
  playback.workMs = 0;
  setStatus('recall-status', 'Running…', '', { state: 'running' });
  requestAnimationFrame(frame);
}

function stepOnce(): void {
  playing = false;
  if (!playback || playback.t >= playback.rec.duration) if (!startPlayback()) return;
  const p = playback!;
  const next = p.next < p.rec.time.length ? p.rec.time[p.next]! : p.rec.duration;
  advance(p, next);
  drawPlots(p);
  if (p.t < p.rec.duration) drawGrid($<HTMLCanvasElement>('state'), p.s, state.width, state.height, p.rec.neuron[p.next - 1] ?? -1);
}

function toEnd(): void {
  if (!playback) if (!startPlayback()) return;
  advance(playback!, playback!.rec.duration);
  drawPlots(playback!);
}

// ---------- capacity ----------

let worker: Worker | null = null;

function runSweep(): void {
  readControls();
  worker?.terminate();
  const options = sweepOptions(state);
  const { N, trials } = options;
  worker = new Worker(new URL('./capacity-worker.ts', import.meta.url), { type: 'module' });
  const bar = $<HTMLProgressElement>('sweep-progress');
  bar.value = 0;
  setStatus('sweep-status', `Sweeping M = ${options.loads[0]}..${options.loads.at(-1)} at N = ${N}, ${trials} trials each…`, '', { state: 'running' });
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const msg = e.data;
    if (msg.type === 'progress') { bar.max = msg.total; bar.value = msg.done; return; }
    worker?.terminate();
    worker = null;
    if (msg.type === 'error') { setStatus('sweep-status', `Sweep failed: ${msg.message}`, 'bad', { state: 'error' }); return; }
    sweep = { options, points: msg.points, ms: msg.ms };
    drawCapacity();
    const half = msg.points.find((p) => p.storedTrials * 2 < p.trials);
    setStatus('sweep-status', `Done in ${(msg.ms / 1000).toFixed(1)} s in a Web Worker (seed ${options.seed}, ${options.rule.name}, ${options.kernel.name}). ${half ? `Fewer than half the networks store all patterns from M = ${half.M} (α = ${half.load.toFixed(2)}).` : 'Every load stored in at least half the trials.'}${msg.points[0]!.coverNeuron === null ? ` No Cover curve: the ${options.kernel.name} kernel has no finite feature dimension.` : ''}`, 'ok', { state: 'done' });
    $('capacity-plot').dataset.points = JSON.stringify(msg.points);
  };
  worker.postMessage(options);
}

function drawCapacity(): void {
  const canvas = $<HTMLCanvasElement>('capacity-plot');
  if (!sweep) { drawAxes(canvas, { x: [0, 2.5], y: [0, 1.05], xTitle: 'load α = M / N', yTitle: 'fraction', title: 'Capacity sweep: run it to fill this plot' }); return; }
  const { points, options } = sweep;
  const xMax = Math.max(...points.map((p) => p.load)) * 1.02;
  const f = drawAxes(canvas, { x: [0, xMax], y: [0, 1.05], xTitle: 'load α = M / N', yTitle: 'fraction separable / stored', title: `Capacity at N = ${options.N}: ${options.rule.name}, kernel ${options.kernel.name} (seed ${options.seed}, ${options.trials} trials per M)` });
  const { ctx } = f;
  const line = (ys: (p: CapacityPoint) => number | null, color: string, dashed: boolean): void => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dashed ? [5, 4] : []);
    ctx.beginPath();
    let started = false;
    for (const p of points) { const y = ys(p); if (y === null) continue; if (started) ctx.lineTo(f.sx(p.load), f.sy(y)); else ctx.moveTo(f.sx(p.load), f.sy(y)); started = true; }
    ctx.stroke();
    ctx.setLineDash([]);
  };
  const hasCover = points[0]!.coverNeuron !== null;
  if (hasCover) { line((p) => p.coverNeuron, '#000000', false); line((p) => p.coverNetwork, '#777777', true); }
  for (const p of points) {
    // Network fraction: trials are independent, so a Wilson 95% interval for storedTrials / trials.
    const k = p.storedTrials, t = p.trials, z = 1.96;
    const centre = (k + z * z / 2) / (t + z * z), half = (z * Math.sqrt(k * (t - k) / t + z * z / 4)) / (t + z * z);
    ctx.strokeStyle = '#E69F00'; ctx.lineWidth = 1.2;
    ctx.beginPath(); ctx.moveTo(f.sx(p.load), f.sy(Math.max(0, centre - half))); ctx.lineTo(f.sx(p.load), f.sy(Math.min(1, centre + half))); ctx.stroke();
    ctx.fillStyle = '#E69F00'; ctx.beginPath(); ctx.arc(f.sx(p.load), f.sy(k / t), 3.5, 0, 2 * Math.PI); ctx.fill();
    ctx.fillStyle = '#0072B2'; ctx.fillRect(f.sx(p.load) - 3.5, f.sy(p.separatingNeurons / p.neurons) - 3.5, 7, 7);
  }
  drawLegend(f, [
    { label: 'neurons separating (measured)', color: '#0072B2', point: true },
    { label: 'networks storing all M (measured, 95% Wilson)', color: '#E69F00', point: true },
    ...(hasCover ? [{ label: `Cover P(M, d), d = ${options.kernel.name === 'linear' ? 'N − 1' : 'feature dim.'}`, color: '#000000' }, { label: 'Cover P(M, d)^N (independent neurons)', color: '#777777', dashed: true }] : []),
  ]);
}

// ---------- spec download / upload ----------

function download(): void {
  readControls();
  const json = { ...stateToJson(state), network: built ? JSON.parse(saveNetwork(built.spec, built.network)) as unknown : null };
  const blob = new Blob([`${JSON.stringify(json, null, 1)}\n`], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `kmn-playground-seed${state.seed}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function loadState(next: PageState): void {
  state = next;
  labels = state.patterns.map(() => null);
  editor = new Int8Array(n()).fill(-1);
  built = null;
  invalidateRecording();
  writeControls();
  renderThumbs();
  drawGrid($<HTMLCanvasElement>('editor'), editor, state.width, state.height);
  drawMargins(null);
  readControls();
  if (state.patterns.length > 0) train();
  resetRecallView();
}

// ---------- wiring ----------

function init(): void {
  attachDrawing($<HTMLCanvasElement>('editor'), () => editor, () => drawGrid($<HTMLCanvasElement>('editor'), editor, state.width, state.height));
  attachDrawing($<HTMLCanvasElement>('state'), () => (playback && playback.t > 0 ? null : state.cue), () => {
    invalidateRecording();
    drawGrid($<HTMLCanvasElement>('state'), state.cue!, state.width, state.height);
    saveUrl();
  });
  $('add-drawn').onclick = () => addPattern(Int8Array.from(editor));
  $('add-random').onclick = () => { readControls(); addPattern(patternRow(randomBipolar({ count: 1, dim: n() }, createRng(state.seed).child('patterns').child(String(state.patterns.length))), 0).slice()); };
  $('add-digits').onclick = () => {
    setGrid(digits.side);
    const fresh = digits.bits.map((b) => decodeBits(b, n()));
    state = { ...state, patterns: fresh };
    labels = [...digits.labels];
    patternsChanged();
  };
  $('clear-editor').onclick = () => { editor.fill(-1); drawGrid($<HTMLCanvasElement>('editor'), editor, state.width, state.height); };
  $('clear-patterns').onclick = () => { state = { ...state, patterns: [] }; labels = []; patternsChanged(); };
  select('grid-size').onchange = () => setGrid(Number(select('grid-size').value));
  for (const id of ['neuron', 'degree', 'temperature', 'radius', 'rule']) $(id).onchange = () => { readControls(); built = null; invalidateRecording(); setStatus('train-status', 'Options changed: train again.', '', { trained: 'false' }); };
  for (const id of ['schedule', 'glauber']) $(id).onchange = () => { readControls(); if (built) built = { ...built, spec: pageSpec(state) }; invalidateRecording(); resetRecallView(); };
  input('seed').onchange = () => { readControls(); built = null; invalidateRecording(); };
  $('train').onclick = () => train();
  input('noise').oninput = () => { $('noise-out').textContent = `${Math.round(Number(input('noise').value) * 100)}%`; };
  const showSpeed = (): void => { $('speed-out').textContent = `${speed()} updates/frame`; };
  input('speed').oninput = showSpeed;
  showSpeed();
  $('corrupt').onclick = () => corrupt();
  select('cue-pattern').onchange = () => corrupt();
  $('run').onclick = () => run();
  $('pause').onclick = () => { playing = false; setStatus('recall-status', 'Paused.', '', { state: 'paused' }); };
  $('step').onclick = () => stepOnce();
  $('to-end').onclick = () => toEnd();
  $('reset').onclick = () => { invalidateRecording(); resetRecallView(); };
  $('sweep').onclick = () => runSweep();
  $('download').onclick = () => download();
  $('copy-link').onclick = () => { saveUrl(); void navigator.clipboard?.writeText(location.href).then(() => toast('link copied')); };
  input('upload').onchange = async () => {
    const file = input('upload').files?.[0];
    if (!file) return;
    try { loadState(stateFromJson(JSON.parse(await file.text()))); toast(`loaded ${file.name}`); } catch (error) { toast(`cannot load: ${error instanceof Error ? error.message : String(error)}`); }
  };
  const hash = location.hash.startsWith('#s=') ? location.hash.slice(3) : '';
  let initial = { ...defaultState };
  if (hash) {
    try { initial = stateFromJson(JSON.parse(fromBase64Url(hash))); } catch { toast('the link holds no valid page state'); }
  }
  loadState(initial);
  drawCapacity();
}

/** What the end-to-end test reads: the page state, the recall outcome, the last sweep, playback fps. */
declare global {
  interface Window { kmnPlayground: { state(): unknown; sweep(): typeof sweep; fps(): typeof lastFps; spec(): unknown } }
}
window.kmnPlayground = {
  state: () => stateToJson(state),
  sweep: () => sweep,
  fps: () => lastFps,
  spec: () => ({ ...stateToJson(state), network: built ? JSON.parse(saveNetwork(built.spec, built.network)) as unknown : null }),
};

init();
