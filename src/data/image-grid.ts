import { InvalidValueError, ShapeError } from '../errors.js';
import type { ImageShape } from './image-patterns.js';

/** One row of an image grid: a stage name ("stored", "cue", "recalled") and its images. */
export interface ImageGridRow {
  readonly label: string;
  /** The images of this row, each of length `height * width`, row-major. */
  readonly images: readonly ArrayLike<number>[];
}

/** Options for {@link imageGridSpec}. */
export interface ImageGridOptions {
  readonly title: string;
  readonly image: ImageShape;
  /** Rows of the grid, top to bottom; every row has the same number of images. */
  readonly rows: readonly ImageGridRow[];
  /** Captions of the columns (default "1", "2", ...). */
  readonly columns?: readonly string[];
  /** Pixel values drawn white and black (default: the smallest and largest value shown). */
  readonly domain?: readonly [number, number];
  /** Side of one drawn image in screen pixels (default 2 per image pixel). */
  readonly cell?: number;
}

/**
 * A Vega-Lite v6 spec drawing images as a grid (rows: stages such as stored, cue and recalled;
 * columns: items): one `rect` mark per pixel, faceted by stage and item, grey scale from white
 * (low) to black (high), so dark ink on white paper for digits. The data are inline, one record
 * `{ stage, item, x, y, v }` per non-white pixel (white ones are the view's fill), so the spec is
 * plain JSON.
 *
 * @throws {@link ShapeError} when an image has the wrong length or rows differ in length;
 * {@link InvalidValueError} when there are no rows or the domain is empty.
 * @example
 * ```ts
 * const spec = imageGridSpec({ title: 'Cue and recall', image: X.image,
 *   rows: [{ label: 'stored', images: [patternRow(X, 0)] }, { label: 'cue', images: [cue] }] });
 * ```
 */
export function imageGridSpec(options: ImageGridOptions): Record<string, unknown> {
  const { rows, image } = options;
  const { height, width } = image;
  const dim = height * width;
  if (rows.length === 0) throw new InvalidValueError('rows', 'is empty', 'pass at least one row of images');
  const n = rows[0]!.images.length;
  if (n === 0) throw new InvalidValueError('rows', 'have no images', 'pass at least one image per row');
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of rows) {
    if (row.images.length !== n) throw new ShapeError('rows', `row "${row.label}" has ${row.images.length} images, the first row ${n}`, 'give every row the same number of images');
    for (const img of row.images) {
      if (img.length !== dim) throw new ShapeError('rows', `an image of row "${row.label}" has ${img.length} pixels, expected ${height} x ${width} = ${dim}`, 'pass images of the given shape');
      for (let j = 0; j < dim; j++) {
        const v = img[j]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  const domain = options.domain ?? (hi > lo ? [lo, hi] : [lo - 1, hi + 1]);
  if (!(domain[1] > domain[0])) throw new InvalidValueError('domain', `[${domain[0]}, ${domain[1]}] is empty`, 'pass [white, black] with white < black');
  const columns = options.columns ?? Array.from({ length: n }, (_, k) => String(k + 1));
  if (columns.length !== n) throw new ShapeError('columns', `has ${columns.length} captions for ${n} columns`, 'pass one caption per column');
  const white = domain[0];
  const values: { stage: string; item: string; x: number; y: number; v: number }[] = [];
  for (const row of rows) {
    row.images.forEach((img, k) => {
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const v = img[y * width + x]!;
          // White pixels are left out (the view is white); pixel (0, 0) is always kept so that
          // every facet exists even for a blank image.
          if (v > white || (x === 0 && y === 0)) values.push({ stage: row.label, item: columns[k]!, x, y, v: round4(v) });
        }
      }
    });
  }
  const cell = options.cell ?? 2;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    data: { values },
    spacing: 4,
    facet: {
      row: { field: 'stage', type: 'nominal', sort: rows.map((r) => r.label), header: { title: null, labelAngle: 0, labelAlign: 'left', labelBaseline: 'middle', labelPadding: 6, labelFontSize: 12 } },
      column: { field: 'item', type: 'nominal', sort: [...columns], header: { title: null, labelFontSize: 11 } },
    },
    spec: {
      width: width * cell,
      height: height * cell,
      mark: { type: 'rect' },
      encoding: {
        x: { field: 'x', type: 'ordinal', axis: null, scale: { domain: range(width) } },
        y: { field: 'y', type: 'ordinal', axis: null, scale: { domain: range(height) } },
        color: { field: 'v', type: 'quantitative', scale: { domain: [domain[0], domain[1]], range: ['#ffffff', '#000000'], clamp: true }, legend: null },
      },
    },
    config: { view: { stroke: '#bbbbbb', fill: '#ffffff' } },
  };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
