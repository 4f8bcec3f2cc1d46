import { InvalidValueError, ShapeError, assertPositive, assertPositiveInteger } from '../src/errors.js';

/**
 * A dense associative memory used as a classifier (Krotov and Hopfield 2016, NeurIPS, "Dense
 * Associative Memory for Pattern Recognition", Sec. 3 and Eq. 9): K memories over N pixel neurons
 * and C label neurons, row k of `weights` is memory `xi^k = (pixels, labels)` (length N + C).
 * For an image x (pixels in [-1, 1]), `u = (x, -1, ..., -1)` and `v_c` is `u` with label c set to
 * +1; the network's label output is
 *
 * ```
 * Y_c = tanh( beta sum_k [F(xi^k . v_c) - F(xi^k . u)] ),   F(x) = max(x, 0)^n,   beta = 1 / T^n
 * ```
 *
 * evaluated in the scaled form `beta F(x) = (max(x, 0) / T)^n`, which stays finite for any degree
 * (the raw `F` overflows a double near n = 110 at the digits' overlaps, and `beta` underflows).
 *
 * @example
 * ```ts
 * const model = denseMemoryClassifier({ weights: new Float64Array(3 * (784 + 10)), memories: 3, pixels: 784, classes: 10, degree: 20, temperature: 540 });
 * model.predict(image); // argmax_c Y_c
 * ```
 */
export interface DenseMemoryClassifier extends DenseMemoryClassifierOptions {
  /** `Y_c` for every class of one image, written into `out` (length C). */
  outputs(image: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** The class with the largest `Y_c` (the first one on a tie). */
  predict(image: ArrayLike<number>): number;
  /** Fraction of misclassified images (`images`: count x N, row-major). */
  errorRate(images: Float64Array, labels: ArrayLike<number>): number;
}

/** Options for {@link denseMemoryClassifier}. */
export interface DenseMemoryClassifierOptions {
  /** K x (N + C) memories, row-major (shared, not copied: training updates it in place). */
  readonly weights: Float64Array;
  /** K. */
  readonly memories: number;
  /** N, pixel neurons. */
  readonly pixels: number;
  /** C, label neurons. */
  readonly classes: number;
  /** Degree n in [1, 1000] of `F(x) = max(x, 0)^n`. */
  readonly degree: number;
  /** Temperature T > 0 (beta = 1 / T^n). */
  readonly temperature: number;
}

/**
 * Scratch buffers of one denseMemoryForward pass and its backward pass; `ru[k] = (max(xi^k . u, 0) / T)^(n-1)`,
 * `rv[k C + c] = (max(xi^k . v_c, 0) / T)^(n-1)` (the scaled `F'` up to the factor n / T).
 */
export interface DenseMemoryBuffers {
  /** `hu[k] = xi^k . u`. */
  readonly hu: Float64Array;
  readonly ru: Float64Array;
  readonly rv: Float64Array;
  readonly y: Float64Array;
  /** Per-memory coefficient `b_k` of the pixel part of the descent direction. */
  readonly b: Float64Array;
}

/** Allocates {@link DenseMemoryBuffers} for K memories and C classes. */
export function denseMemoryBuffers(memories: number, classes: number): DenseMemoryBuffers {
  return { hu: new Float64Array(memories), ru: new Float64Array(memories), rv: new Float64Array(memories * classes), y: new Float64Array(classes), b: new Float64Array(memories) };
}

/**
 * Label outputs from the pixel overlaps (Eq. 9 of the 2016 paper): given
 * `hu[k] = xi^k . u` for every memory, fills `buf.ru`, `buf.rv` and `buf.y` (`Y_c`), using
 * `xi^k . v_c = xi^k . u + 2 xi^k_(N+c)`. No checks: callers validate once.
 *
 * @example
 * ```ts
 * denseMemoryOutputs(model, hu, buf); buf.y; // Y_0 .. Y_9
 * ```
 */
export function denseMemoryOutputs(model: Pick<DenseMemoryClassifier, 'weights' | 'memories' | 'pixels' | 'classes' | 'degree' | 'temperature'>, hu: Float64Array, buf: DenseMemoryBuffers): void {
  const { weights: w, memories: k, pixels: n, classes: c, degree, temperature } = model;
  const d = n + c;
  const invT = 1 / temperature;
  const { ru, rv, y } = buf;
  const e1 = degree - 1;
  const integer = Number.isInteger(e1);
  y.fill(0);
  let fu = 0;
  for (let mu = 0; mu < k; mu++) {
    const base = mu * d + n;
    const h = hu[mu]!;
    const r = h > 0 ? h * invT : 0;
    // (x / T)^(n-1) once per overlap; (x / T)^n is that times x / T.
    const pu = r > 0 ? (integer ? powInt(r, e1) : r ** e1) : 0;
    ru[mu] = pu;
    fu += pu * r;
    for (let j = 0; j < c; j++) {
      const hv = h + 2 * w[base + j]!;
      const rvj = hv > 0 ? hv * invT : 0;
      const pv = rvj > 0 ? (integer ? powInt(rvj, e1) : rvj ** e1) : 0;
      rv[mu * c + j] = pv;
      y[j]! += pv * rvj;
    }
  }
  for (let j = 0; j < c; j++) y[j] = Math.tanh(y[j]! - fu);
}

/**
 * The denseMemoryForward pass for the image at `images[offset .. offset + N)`: the overlaps `xi^k . u`
 * (dense loop), then {@link denseMemoryOutputs}. Results in `buf`; `buf.hu` holds the overlaps.
 *
 * @example
 * ```ts
 * denseMemoryForward(model, images, mu * 784, buf); buf.y; // Y_0 .. Y_9
 * ```
 */
export function denseMemoryForward(model: Pick<DenseMemoryClassifier, 'weights' | 'memories' | 'pixels' | 'classes' | 'degree' | 'temperature'>, images: ArrayLike<number>, offset: number, buf: DenseMemoryBuffers): void {
  const { weights: w, memories: k, pixels: n, classes: c } = model;
  const d = n + c;
  const hu = buf.hu;
  for (let mu = 0; mu < k; mu++) {
    const base = mu * d;
    let h = 0;
    for (let i = 0; i < n; i++) h += w[base + i]! * images[offset + i]!;
    for (let j = 0; j < c; j++) h -= w[base + n + j]!;
    hu[mu] = h;
  }
  denseMemoryOutputs(model, hu, buf);
}

/**
 * Builds a {@link DenseMemoryClassifier} over existing memories (validated here).
 *
 * @throws {@link ShapeError} when `weights` is not K x (N + C); {@link InvalidValueError} for
 *   non-positive sizes, degree < 1 or temperature <= 0.
 * @example
 * ```ts
 * const model = denseMemoryClassifier({ weights, memories: 100, pixels: 784, classes: 10, degree: 20, temperature: 540 });
 * model.errorRate(testImages, testLabels);
 * ```
 */
export function denseMemoryClassifier(options: DenseMemoryClassifierOptions): DenseMemoryClassifier {
  const { weights, memories, pixels, classes, degree, temperature } = options;
  assertPositiveInteger('memories', memories);
  assertPositiveInteger('pixels', pixels);
  assertPositiveInteger('classes', classes);
  if (!(degree >= 1 && degree <= 1000)) throw new InvalidValueError('degree', `must lie in [1, 1000], got ${degree}`, 'pass the degree n of F(x) = max(x, 0)^n, e.g. 20');
  assertPositive('temperature', temperature);
  if (weights.length !== memories * (pixels + classes)) {
    throw new ShapeError('weights', `has ${weights.length} entries, expected memories x (pixels + classes) = ${memories * (pixels + classes)}`);
  }
  const model = { weights, memories, pixels, classes, degree, temperature };
  const buf = denseMemoryBuffers(memories, classes);
  const checkImage = (x: ArrayLike<number>): void => {
    if (x.length !== pixels) throw new ShapeError('image', `has ${x.length} pixels, expected ${pixels}`);
  };
  const argmax = (y: Float64Array): number => {
    let best = 0;
    for (let j = 1; j < y.length; j++) if (y[j]! > y[best]!) best = j;
    return best;
  };
  return {
    ...model,
    outputs(image, out = new Float64Array(classes)) {
      checkImage(image);
      denseMemoryForward(model, image, 0, buf);
      out.set(buf.y);
      return out;
    },
    predict(image) {
      checkImage(image);
      denseMemoryForward(model, image, 0, buf);
      return argmax(buf.y);
    },
    errorRate(images, labels) {
      if (images.length !== labels.length * pixels) throw new ShapeError('images', `has ${images.length} values for ${labels.length} labels of ${pixels} pixels`);
      let wrong = 0;
      for (let s = 0; s < labels.length; s++) {
        denseMemoryForward(model, images, s * pixels, buf);
        if (argmax(buf.y) !== labels[s]) wrong++;
      }
      return labels.length === 0 ? 0 : wrong / labels.length;
    },
  };
}

/**
 * The descent direction of one image after a denseMemoryForward pass filled `buf`: adds its label part to
 * `dir` (K x (N + C)), leaves in `buf.b` the per-memory coefficients of its pixel part (memory k
 * moves along `b_k x`), and returns the image's loss `sum_c (t_c - Y_c)^(2m)` (t_c = +1 for the
 * label, -1 otherwise). The direction is the negative gradient of the 2016 loss (Eq. 14) divided
 * by the positive constant `2 m n / T`:
 *
 * ```
 * D^k = sum_c (t_c - Y_c)^(2m-1) (1 - Y_c^2) [ (max(xi^k . v_c, 0) / T)^(n-1) v_c - (max(xi^k . u, 0) / T)^(n-1) u ]
 * ```
 *
 * the quantity the authors' notebook accumulates (`d_KS`, up to the factor `T^(n-1)`). With
 * `a_c` the bracket's prefactor and `S_k = sum_c a_c rv_kc` (`rv`, `ru` hold the (n-1)th powers),
 * the pixel part is `b_k x`, `b_k = S_k - ru_k sum_c a_c`, and label entry c gets
 * `2 a_c rv_kc - b_k`.
 *
 * @example
 * ```ts
 * denseMemoryForward(model, images, s * N, buf);
 * loss += denseMemoryDirection(model, label, lossPower, buf, dir); // then add buf.b[k] x to the pixels of memory k
 * ```
 */
export function denseMemoryDirection(
  model: Pick<DenseMemoryClassifier, 'memories' | 'pixels' | 'classes'>,
  label: number, lossPower: number, buf: DenseMemoryBuffers, dir: Float64Array,
): number {
  const { memories: k, pixels: n, classes: c } = model;
  const d = n + c;
  const { ru, rv, y, b } = buf;
  const odd = 2 * lossPower - 1;
  let loss = 0;
  // a_c = (t_c - Y_c)^(2m-1) (1 - Y_c^2); reuse y for a (Y is no longer needed after this).
  let sumA = 0;
  for (let j = 0; j < c; j++) {
    const t = j === label ? 1 : -1;
    const diff = t - y[j]!;
    loss += diff ** (2 * lossPower);
    const a = diff ** odd * (1 - y[j]! * y[j]!);
    y[j] = a;
    sumA += a;
  }
  for (let mu = 0; mu < k; mu++) {
    const base = mu * d + n;
    let s = 0;
    for (let j = 0; j < c; j++) s += y[j]! * rv[mu * c + j]!;
    const bk = s - ru[mu]! * sumA;
    b[mu] = bk;
    for (let j = 0; j < c; j++) dir[base + j]! += 2 * y[j]! * rv[mu * c + j]! - bk;
  }
  return loss;
}

/**
 * {@link denseMemoryDirection} plus the pixel part as a dense loop: adds the whole descent
 * direction of the image at `images[offset ..]` to `dir` and returns its loss.
 *
 * @example
 * ```ts
 * denseMemoryForward(model, images, s * N, buf);
 * loss += accumulateDenseMemoryDirection(model, images, s * N, label, lossPower, buf, dir);
 * ```
 */
export function accumulateDenseMemoryDirection(
  model: Pick<DenseMemoryClassifier, 'memories' | 'pixels' | 'classes' | 'degree'>,
  images: ArrayLike<number>, offset: number, label: number, lossPower: number, buf: DenseMemoryBuffers, dir: Float64Array,
): number {
  const loss = denseMemoryDirection(model, label, lossPower, buf, dir);
  const { memories: k, pixels: n, classes: c } = model;
  const d = n + c;
  for (let mu = 0; mu < k; mu++) {
    const bk = buf.b[mu]!;
    if (bk === 0) continue;
    const base = mu * d;
    for (let i = 0; i < n; i++) dir[base + i]! += bk * images[offset + i]!;
  }
  return loss;
}

/** A labelled batch for {@link denseMemoryLossGradient}: `images` is count x N, row-major, pixels in [-1, 1]. */
export interface LabelledBatch {
  readonly images: Float64Array;
  readonly labels: ArrayLike<number>;
}

/**
 * The 2016 loss `L = sum_s sum_c (t_c^s - Y_c^s)^(2m)` of a batch and its exact gradient
 * `dL / d xi` (K x (N + C)), written into `gradient` (Krotov and Hopfield 2016, Eq. 14). Training
 * uses the same quantity up to a positive factor, normalised per memory.
 *
 * @throws {@link ShapeError} for mismatched sizes; {@link InvalidValueError} for a label outside
 *   0..C-1 or a loss power that is not a positive integer.
 * @example
 * ```ts
 * const g = new Float64Array(model.weights.length);
 * const loss = denseMemoryLossGradient(model, { images, labels }, 30, g);
 * ```
 */
export function denseMemoryLossGradient(model: DenseMemoryClassifier, batch: LabelledBatch, lossPower: number, gradient: Float64Array): number {
  assertPositiveInteger('lossPower', lossPower);
  checkLabelledBatch(model, batch);
  if (gradient.length !== model.weights.length) throw new ShapeError('gradient', `has ${gradient.length} entries, expected ${model.weights.length}`);
  gradient.fill(0);
  const buf = denseMemoryBuffers(model.memories, model.classes);
  let loss = 0;
  for (let s = 0; s < batch.labels.length; s++) {
    denseMemoryForward(model, batch.images, s * model.pixels, buf);
    loss += accumulateDenseMemoryDirection(model, batch.images, s * model.pixels, batch.labels[s]!, lossPower, buf, gradient);
  }
  const scale = (-2 * lossPower * model.degree) / model.temperature;
  for (let i = 0; i < gradient.length; i++) gradient[i]! *= scale;
  return loss;
}

/**
 * Checks that a batch fits a classifier: sizes agree, labels are classes, pixels finite.
 *
 * @throws {@link ShapeError}, {@link InvalidValueError}
 * @example
 * ```ts
 * checkLabelledBatch(model, { images, labels }); // throws before any work
 * ```
 */
export function checkLabelledBatch(model: Pick<DenseMemoryClassifier, 'pixels' | 'classes'>, batch: LabelledBatch): void {
  const { images, labels } = batch;
  if (images.length !== labels.length * model.pixels) {
    throw new ShapeError('images', `has ${images.length} values for ${labels.length} labels of ${model.pixels} pixels`, 'pass count x pixels values, one label per image');
  }
  for (let s = 0; s < labels.length; s++) {
    const l = labels[s]!;
    if (!Number.isInteger(l) || l < 0 || l >= model.classes) throw new InvalidValueError('labels', `entry ${s} is ${l}`, `pass class indices 0..${model.classes - 1}`);
  }
  for (let i = 0; i < images.length; i++) {
    if (!Number.isFinite(images[i]!)) throw new InvalidValueError('images', `value ${i % model.pixels} of image ${Math.floor(i / model.pixels)} is ${images[i]}`, 'pass finite pixels, e.g. mapped to [-1, 1] by 2x - 1');
  }
}

/** `x^e` for an integer `e >= 0` by repeated squaring (exact to a few ulps, much faster than a general power). */
function powInt(x: number, e: number): number {
  let result = 1;
  let base = x;
  for (let k = e; k > 0; k >>= 1) {
    if (k & 1) result *= base;
    base *= base;
  }
  return result;
}
