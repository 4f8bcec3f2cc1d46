import { InvalidValueError, ShapeError } from '../errors.js';
import type { VegaLiteSpec } from './chart-spec.js';
import { neutral, palette } from './palette.js';

/** Options of {@link sphereBasinsSpec}. */
export interface SphereBasinsOptions {
  readonly title: string;
  /** Lines under the title (what r is, how a destination was judged). */
  readonly notes?: readonly string[];
  /** Cue points on the unit sphere, x y z per cue. */
  readonly cues: ArrayLike<number>;
  /** Where each cue ended: a pattern index, -1 for the agnostic state (origin), -2 for anything else. */
  readonly destinations: ArrayLike<number>;
  /** Stored patterns on the unit sphere, x y z per pattern. */
  readonly patterns: ArrayLike<number>;
  /** Chordal radius of a cap to outline around every pattern (the Exp_β basin boundary), if any. */
  readonly capRadius?: number;
  /** Legend label of the cap outline. */
  readonly capLabel?: string;
  /** Diameter of each hemisphere in pixels (default 260). */
  readonly size?: number;
}

const toDeg = 180 / Math.PI;

/**
 * Pattern pairs whose basins touch: a and b are neighbours when some cue has them as its two
 * nearest patterns (largest overlaps), i.e. the cue lies near their common Voronoi edge.
 */
function neighbours(cues: ArrayLike<number>, patterns: ArrayLike<number>, m: number): Set<number>[] {
  const adj = Array.from({ length: m }, () => new Set<number>());
  for (let i = 0; i < cues.length / 3; i++) {
    let best = -Infinity;
    let second = -Infinity;
    let a = -1;
    let b = -1;
    for (let mu = 0; mu < m; mu++) {
      const h = cues[3 * i]! * patterns[3 * mu]! + cues[3 * i + 1]! * patterns[3 * mu + 1]! + cues[3 * i + 2]! * patterns[3 * mu + 2]!;
      if (h > best) { second = best; b = a; best = h; a = mu; }
      else if (h > second) { second = h; b = mu; }
    }
    if (b >= 0) { adj[a]!.add(b); adj[b]!.add(a); }
  }
  return adj;
}

/**
 * Colours for the patterns such that touching basins differ: greedy colouring in smallest-last
 * order. Voronoi neighbour graphs on the sphere are planar, so each vertex has at most five
 * neighbours coloured before it and six colours always suffice.
 */
function basinColours(adj: readonly Set<number>[], colours: readonly string[]): string[] {
  const m = adj.length;
  const degree = adj.map((s) => s.size);
  const removed = new Array<boolean>(m).fill(false);
  const order: number[] = [];
  for (let k = 0; k < m; k++) {
    let v = -1;
    for (let u = 0; u < m; u++) if (!removed[u] && (v < 0 || degree[u]! < degree[v]!)) v = u;
    removed[v] = true;
    order.push(v);
    for (const u of adj[v]!) if (!removed[u]) degree[u]!--;
  }
  const colour = new Array<number>(m).fill(-1);
  for (const v of order.reverse()) {
    const used = new Set([...adj[v]!].map((u) => colour[u]!));
    let c = 0;
    while (used.has(c)) c++;
    colour[v] = c;
  }
  return colour.map((c) => colours[c % colours.length]!);
}

/** A circle of chordal radius r around the unit vector p, as [longitude, latitude] pairs. */
function capOutline(p: readonly [number, number, number], r: number, steps = 72): [number, number][] {
  const theta = 2 * Math.asin(Math.min(1, r / 2));
  const [x, y, z] = p;
  // Orthonormal u, v perpendicular to p.
  const a = Math.abs(z) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  let u = [a[1]! * z - a[2]! * y, a[2]! * x - a[0]! * z, a[0]! * y - a[1]! * x];
  const nu = Math.hypot(u[0]!, u[1]!, u[2]!);
  u = u.map((c) => c / nu);
  const v = [y * u[2]! - z * u[1]!, z * u[0]! - x * u[2]!, x * u[1]! - y * u[0]!];
  const out: [number, number][] = [];
  for (let k = 0; k <= steps; k++) {
    const t = (2 * Math.PI * k) / steps;
    const q = [0, 1, 2].map((j) => Math.cos(theta) * p[j]! + Math.sin(theta) * (Math.cos(t) * u[j]! + Math.sin(t) * v[j]!));
    out.push([round(Math.atan2(q[1]!, q[0]!) * toDeg), round(Math.asin(Math.max(-1, Math.min(1, q[2]!))) * toDeg)]);
  }
  return out;
}

const round = (v: number): number => Math.round(v * 100) / 100;

/**
 * A figure like Fig. 2 of Iatropoulos et al. (2022): basins of attraction on the unit 2-sphere in
 * two orthographic views of opposite hemispheres (together they show every point). Each cue is a
 * dot coloured by the stored pattern it converged to; touching basins always get different
 * Okabe-Ito colours (a six-colouring of the Voronoi neighbour graph), so colours repeat only between
 * basins far apart; the agnostic state (origin) is light grey, any other end state dark grey.
 * Stored patterns are black dots with their index; an optional outline marks the cap of chordal
 * radius r around each pattern (the Exp_β basin boundary at β → ∞, Property 5.2).
 *
 * @throws ShapeError when cues, destinations and patterns do not match in length.
 * @example
 * ```ts
 * const spec = sphereBasinsSpec({ title: 'Exp_β basins', cues, destinations, patterns, capRadius: r, capLabel: 'cap of radius r' });
 * ```
 */
export function sphereBasinsSpec(options: SphereBasinsOptions): VegaLiteSpec {
  const { cues, destinations, patterns } = options;
  if (cues.length % 3 !== 0 || patterns.length % 3 !== 0) throw new ShapeError('cues', `cues (${cues.length}) and patterns (${patterns.length}) must hold x y z triples`, 'pass flat arrays of 3-vectors');
  const n = cues.length / 3;
  const m = patterns.length / 3;
  if (destinations.length !== n) throw new ShapeError('destinations', `has ${destinations.length} entries for ${n} cues`, 'give one destination per cue');
  if (m === 0) throw new InvalidValueError('patterns', 'is empty', 'pass at least one stored pattern');
  const size = options.size ?? 260;
  const colours = basinColours(neighbours(cues, patterns, m), palette.slice(0, 6));
  const label = (mu: number): string => `ξ${mu + 1}`;
  const agnosticLabel = 'agnostic state (origin)';
  const otherLabel = 'other state';
  // Two antipodal view centres: every point of the sphere faces one of them.
  const views = [{ lon: 0, lat: 20 }, { lon: 180, lat: -20 }];
  const centre = views.map(({ lon, lat }) => [Math.cos(lat / toDeg) * Math.cos(lon / toDeg), Math.cos(lat / toDeg) * Math.sin(lon / toDeg), Math.sin(lat / toDeg)]);
  const side = (x: number, y: number, z: number): number => (x * centre[0]![0]! + y * centre[0]![1]! + z * centre[0]![2]! >= 0 ? 0 : 1);
  const cueRows = [];
  let other = false;
  for (let i = 0; i < n; i++) {
    const [x, y, z] = [cues[3 * i]!, cues[3 * i + 1]!, cues[3 * i + 2]!];
    const d = destinations[i]!;
    if (d < -1 || d >= m) other = true;
    // b: the destination as an index into the colour domain (patterns, agnostic, other), which a
    // transform turns into its label; short keys keep a 4000-cue spec small.
    cueRows.push({ lon: round(Math.atan2(y, x) * toDeg), lat: round(Math.asin(Math.max(-1, Math.min(1, z))) * toDeg), side: side(x, y, z), b: d === -1 ? m : d >= 0 && d < m ? d : m + 1 });
  }
  const patternRows = Array.from({ length: m }, (_, mu) => {
    const [x, y, z] = [patterns[3 * mu]!, patterns[3 * mu + 1]!, patterns[3 * mu + 2]!];
    const r = Math.hypot(x, y, z);
    return { lon: round(Math.atan2(y, x) * toDeg), lat: round(Math.asin(Math.max(-1, Math.min(1, z / r))) * toDeg), side: side(x, y, z), name: String(mu + 1) };
  });
  const domain = [...Array.from({ length: m }, (_, mu) => label(mu)), agnosticLabel, ...(other ? [otherLabel] : [])];
  const range = [...colours, neutral.agnostic, ...(other ? [neutral.other] : [])];
  // Squares large enough to tile the disc: solid angle 4π / n per cue at the view's centre.
  const radius = size / 2;
  const dotSize = Math.max(4, Math.min(200, (2.2 * radius * radius * 4 * Math.PI) / n));
  const caps = options.capRadius !== undefined && options.capRadius > 0
    ? patternRows.map((_, mu) => ({ type: 'Feature', properties: { kind: options.capLabel ?? 'cap of radius r' }, geometry: { type: 'LineString', coordinates: capOutline([patterns[3 * mu]!, patterns[3 * mu + 1]!, patterns[3 * mu + 2]!], options.capRadius!) } }))
    : null;
  const hemisphere = (v: number): Record<string, unknown> => ({
    width: size,
    height: size,
    title: { text: `hemisphere centred at ${Math.abs(views[v]!.lat)}°${views[v]!.lat >= 0 ? 'N' : 'S'}, ${views[v]!.lon}°${views[v]!.lon === 0 ? '' : 'E'}`, fontSize: 11, fontWeight: 'normal' },
    projection: { type: 'orthographic', rotate: [-views[v]!.lon, -views[v]!.lat, 0] },
    layer: [
      // The sphere is painted in the agnostic colour; only cues that reached some state are drawn.
      { data: { sphere: true }, mark: { type: 'geoshape', fill: neutral.agnostic, stroke: '#444', strokeWidth: 1 } },
      {
        data: { name: 'cues' },
        transform: [{ filter: `datum.side === ${v} && datum.b !== ${m}` }, { calculate: `${JSON.stringify(domain.concat(other ? [] : [otherLabel]))}[datum.b]`, as: 'basin' }],
        mark: { type: 'square', opacity: 1 },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' },
          latitude: { field: 'lat', type: 'quantitative' },
          size: { value: dotSize },
          color: { field: 'basin', type: 'nominal', scale: { domain, range }, legend: { title: 'cue converged to', columns: m > 12 ? 2 : 1, symbolType: 'circle', symbolSize: 90 } },
        },
      },
      { data: { graticule: { step: [30, 30] } }, mark: { type: 'geoshape', filled: false, stroke: '#ffffff', strokeWidth: 0.6, strokeOpacity: 0.7 } },
      ...(caps ? [{
        data: { name: 'caps' },
        mark: { type: 'geoshape', filled: false, strokeWidth: 1.6 },
        encoding: { stroke: { field: 'properties.kind', type: 'nominal', scale: { range: ['#000000'] }, legend: { title: null, symbolType: 'stroke' } } },
      }] : []),
      {
        data: { name: 'patterns' },
        transform: [{ filter: `datum.side === ${v}` }],
        mark: { type: 'point', filled: true, stroke: '#ffffff', strokeWidth: 1.2 },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' }, latitude: { field: 'lat', type: 'quantitative' },
          size: { value: 60 },
          fill: { datum: 'stored pattern ξμ', scale: { range: ['#000000'] }, legend: { title: null, symbolType: 'circle' } },
        },
      },
      {
        data: { name: 'patterns' },
        transform: [{ filter: `datum.side === ${v}` }],
        mark: { type: 'text', dx: 8, dy: -7, fontSize: 10, fontWeight: 'bold' },
        encoding: { longitude: { field: 'lon', type: 'quantitative' }, latitude: { field: 'lat', type: 'quantitative' }, text: { field: 'name' } },
      },
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, ...(options.notes && options.notes.length > 0 && { subtitle: [...options.notes] }), anchor: 'start', fontSize: 14, subtitleFontSize: 11, subtitleColor: '#444' },
    padding: { left: 5, top: 10, right: 20, bottom: 5 },
    datasets: { cues: cueRows, patterns: patternRows, ...(caps && { caps }) },
    hconcat: [hemisphere(0), hemisphere(1)],
    spacing: 16,
    resolve: { legend: { color: 'shared' } },
    // No per-dot ARIA labels: thousands of them would triple the file.
    config: { background: 'white', aria: false, font: 'DejaVu Sans, Helvetica, Arial, sans-serif', view: { stroke: null }, legend: { titleFontSize: 11, labelFontSize: 11, labelLimit: 0 } },
    usermeta: { kmn: { chart: 'sphere-basins', series: [...domain, 'stored pattern ξμ', ...(caps ? [options.capLabel ?? 'cap of radius r'] : [])] } },
  };
}
