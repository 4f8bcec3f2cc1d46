/** Okabe-Ito palette (colour-blind safe), one colour per stored pattern. */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** Plot margins in CSS pixels. */
const margin = { left: 56, right: 10, top: 18, bottom: 30 };

/** A canvas sized to its CSS box at the device pixel ratio; returns its 2D context in CSS pixels. */
export function fitCanvas(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; width: number; height: number } {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || canvas.width;
  const height = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, width, height };
}

/** Draws bipolar states as a grid of cells (+1 ink, -1 paper); `highlight` outlines one cell. */
export function drawGrid(canvas: HTMLCanvasElement, state: ArrayLike<number>, cols: number, rows: number, highlight = -1, mask?: Uint8Array): void {
  const { ctx, width, height } = fitCanvas(canvas);
  const cell = Math.min(width / cols, height / rows);
  ctx.fillStyle = '#f7f7f2';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1d2b3a';
  for (let i = 0; i < cols * rows; i++) if (state[i]! > 0) ctx.fillRect((i % cols) * cell, Math.floor(i / cols) * cell, cell + 0.3, cell + 0.3);
  if (mask) {
    ctx.fillStyle = 'rgba(213, 94, 0, 0.35)';
    for (let i = 0; i < cols * rows; i++) if (mask[i]) ctx.fillRect((i % cols) * cell, Math.floor(i / cols) * cell, cell, cell);
  }
  if (cell >= 8) {
    ctx.strokeStyle = 'rgba(0,0,0,0.08)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let c = 0; c <= cols; c++) { ctx.moveTo(c * cell, 0); ctx.lineTo(c * cell, rows * cell); }
    for (let r = 0; r <= rows; r++) { ctx.moveTo(0, r * cell); ctx.lineTo(cols * cell, r * cell); }
    ctx.stroke();
  }
  if (highlight >= 0) {
    ctx.strokeStyle = '#D55E00';
    ctx.lineWidth = 2;
    ctx.strokeRect((highlight % cols) * cell, Math.floor(highlight / cols) * cell, cell, cell);
  }
}

/** Axes with fixed ranges: maps data to canvas coordinates. */
export interface Frame {
  readonly ctx: CanvasRenderingContext2D;
  sx(x: number): number;
  sy(y: number): number;
  readonly width: number;
  readonly height: number;
}

function ticks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo || 1;
  const step0 = span / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= step0)!;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * span; t += step) out.push(Number(t.toPrecision(10)));
  return out;
}

/** Clears a canvas and draws axes, ticks, axis titles and a title; returns the data mapping. */
export function drawAxes(canvas: HTMLCanvasElement, o: { x: [number, number]; y: [number, number]; xTitle: string; yTitle: string; title: string }): Frame {
  const { ctx, width, height } = fitCanvas(canvas);
  const [x0, x1] = o.x;
  const [y0, y1] = o.y;
  const pw = width - margin.left - margin.right;
  const ph = height - margin.top - margin.bottom;
  const sx = (x: number): number => margin.left + ((x - x0) / (x1 - x0 || 1)) * pw;
  const sy = (y: number): number => margin.top + ph - ((y - y0) / (y1 - y0 || 1)) * ph;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#444';
  ctx.strokeStyle = '#e4e4e4';
  ctx.lineWidth = 1;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks(x0, x1, 7)) {
    ctx.beginPath(); ctx.moveTo(sx(t), margin.top); ctx.lineTo(sx(t), margin.top + ph); ctx.stroke();
    ctx.fillText(String(t), sx(t), margin.top + ph + 3);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks(y0, y1, 4)) {
    ctx.beginPath(); ctx.moveTo(margin.left, sy(t)); ctx.lineTo(margin.left + pw, sy(t)); ctx.stroke();
    ctx.fillText(Math.abs(t) >= 1e4 ? t.toExponential(1) : String(t), margin.left - 4, sy(t));
  }
  ctx.strokeStyle = '#888';
  ctx.strokeRect(margin.left, margin.top, pw, ph);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(o.xTitle, margin.left + pw / 2, height - 1);
  ctx.save();
  ctx.translate(11, margin.top + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(o.yTitle, 0, 0);
  ctx.restore();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.fillStyle = '#222';
  ctx.fillText(o.title, margin.left, 2);
  return { ctx, sx, sy, width, height };
}

/** A small legend in the top-right (or bottom-right) corner of the plot area. */
export function drawLegend(frame: Frame, entries: readonly { label: string; color: string; dashed?: boolean; point?: boolean }[], corner: 'top' | 'bottom' = 'top'): void {
  const { ctx } = frame;
  ctx.font = '11px system-ui, sans-serif';
  const w = Math.max(...entries.map((e) => ctx.measureText(e.label).width)) + 30;
  const x = frame.width - margin.right - w - 4;
  let y = corner === 'top' ? margin.top + 4 : frame.height - margin.bottom - entries.length * 15 - 8;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(x, y, w, entries.length * 15 + 4);
  for (const e of entries) {
    ctx.strokeStyle = e.color;
    ctx.fillStyle = e.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(e.dashed ? [4, 3] : []);
    if (e.point) { ctx.beginPath(); ctx.arc(x + 12, y + 9, 3, 0, 2 * Math.PI); ctx.fill(); } else { ctx.beginPath(); ctx.moveTo(x + 4, y + 9); ctx.lineTo(x + 20, y + 9); ctx.stroke(); }
    ctx.setLineDash([]);
    ctx.fillStyle = '#222';
    ctx.textBaseline = 'middle';
    ctx.fillText(e.label, x + 24, y + 9);
    y += 15;
  }
}
