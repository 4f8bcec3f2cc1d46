import { InvalidValueError, assertInRange, assertPositive, assertPositiveInteger } from '../src/errors.js';
import type { Rng } from '../src/rng/rng.js';
import {
  checkLabelledBatch, denseMemoryClassifier, denseMemoryDirection, denseMemoryBuffers, denseMemoryOutputs,
  type DenseMemoryClassifier, type LabelledBatch,
} from './dense-memory-trainer-model.js';

/**
 * Hyperparameters of the dense-memory classifier trainer, named after the authors' notebook
 * (`DimaKrotov/Dense_Associative_Memory`, `Dense_Associative_Memory_training.ipynb`, parameter
 * cell) and the 2016 paper's equations.
 */
export interface DenseMemoryTrainerOptions {
  /** K, the number of memories (notebook `K = Kx Ky`). */
  readonly memories: number;
  /** n, the degree of `F(x) = max(x, 0)^n` (Eq. 3). */
  readonly degree: number;
  /** m, the power of the loss `sum (t - Y)^(2m)` (Eq. 14). */
  readonly lossPower: number;
  /** Final temperature T; beta = 1 / T^n (notebook `Temp_f`). */
  readonly temperature: number;
  /** Temperature at epoch 0, ramped linearly to `temperature` over `rampEpochs` (notebook `Temp_in`). */
  readonly initialTemperature: number;
  /** Length of the temperature ramp in epochs (notebook `thresh_pret`). */
  readonly rampEpochs: number;
  /** Initial learning rate eps_0 (notebook `eps0`; Eq. 12). */
  readonly learningRate: number;
  /** Per-epoch decay f of the learning rate, eps = eps_0 f^epoch (notebook `f`). */
  readonly decay: number;
  /** Momentum p (notebook `p`; Eq. 13). */
  readonly momentum: number;
  /** Epochs (notebook `Nep`). */
  readonly epochs: number;
  /** Minibatch size (notebook `Num`); each epoch runs floor(count / batchSize) minibatches. */
  readonly batchSize: number;
  /** Mean of the Gaussian initial memories (notebook `mu`). */
  readonly initMean: number;
  /** Standard deviation of the Gaussian initial memories (notebook `sigma`). */
  readonly initStd: number;
  /**
   * Floor of the per-memory normaliser, in the notebook's units (`prec`): a memory whose
   * velocity entries are all below it moves less than the learning rate instead of dividing by 0.
   */
  readonly precision: number;
}

/**
 * The reference settings of Krotov and Hopfield (2016) as fixed in their notebook: 100 memories,
 * n = 20, m = 30, T = 540 (beta = 1 / 540^20, no ramp: Temp_in = Temp_f), learning rate 0.04
 * decaying by 0.998 per epoch, momentum 0.6, 300 epochs, minibatches of 1000, memories drawn from
 * N(-0.3, 0.3^2), prec = 1e-30.
 *
 * @example
 * ```ts
 * const options = { ...KROTOV_HOPFIELD_2016, degree: 3, epochs: 50 };
 * ```
 */
export const KROTOV_HOPFIELD_2016: Readonly<DenseMemoryTrainerOptions> = Object.freeze({
  memories: 100,
  degree: 20,
  lossPower: 30,
  temperature: 540,
  initialTemperature: 540,
  rampEpochs: 200,
  learningRate: 0.04,
  decay: 0.998,
  momentum: 0.6,
  epochs: 300,
  batchSize: 1000,
  initMean: -0.3,
  initStd: 0.3,
  precision: 1e-30,
});

/** A labelled image set for training: `images` count x N (pixels mapped to [-1, 1] by `2x - 1`), labels 0..C-1. */
export interface LabelledImages extends LabelledBatch {
  /** N. */
  readonly pixels: number;
  /** C, the number of classes (label neurons). */
  readonly classes: number;
}

/** What the trainer reports after each epoch. */
export interface DenseMemoryEpoch {
  readonly epoch: number;
  /** Learning rate used in this epoch. */
  readonly learningRate: number;
  readonly temperature: number;
  /** Fraction of training images misclassified during the epoch, before each minibatch's update (the notebook's `err_tr`). */
  readonly trainError: number;
  /** Mean loss per training image during the epoch. */
  readonly loss: number;
  /** The classifier at the end of the epoch (its weights are the live training buffer). */
  readonly model: DenseMemoryClassifier;
}

/** Options of one training run beyond the hyperparameters. */
export interface DenseMemoryTrainOptions {
  /** Called after every epoch (e.g. to measure test error); the model is live: copy what you keep. */
  readonly onEpoch?: (epoch: DenseMemoryEpoch) => void;
}

/**
 * Trains a dense associative memory classifier with the algorithm of Krotov and Hopfield (2016,
 * NeurIPS, Sec. 3, Eq. 9 and 12-14) as written in the authors' notebook
 * (`DimaKrotov/Dense_Associative_Memory`, `Dense_Associative_Memory_training.ipynb`):
 * memories drawn from N(initMean, initStd^2); per epoch a seeded shuffle of the training set,
 * then for each minibatch the descent direction `D` of the loss `sum (t - Y)^(2m)` (see
 * `accumulateDenseMemoryDirection`), momentum `V <- p V + D`, the update
 * `xi^k <- xi^k + eps V^k / max_j |V^k_j|` (each memory's largest step equals the learning rate),
 * memories clipped to [-1, 1]; the learning rate decays as `eps_0 f^epoch` and the temperature
 * ramps linearly from `initialTemperature` to `temperature` over `rampEpochs`.
 * `Y_c` is evaluated in the scaled form `(max(x, 0) / T)^n`, so beta = 1 / T^n never underflows.
 * Deterministic from `rng` (initial memories from `rng.child('init')`, shuffles from
 * `rng.child('order')`).
 *
 * @throws {@link InvalidValueError} for an out-of-range option; {@link ShapeError} for images and
 *   labels of mismatched sizes (all checked before any work).
 * @example
 * ```ts
 * const model = trainDenseMemoryClassifier({ images, labels, pixels: 784, classes: 10 }, { ...KROTOV_HOPFIELD_2016, epochs: 20, batchSize: 100 }, createRng(1));
 * model.errorRate(testImages, testLabels);
 * ```
 */
export function trainDenseMemoryClassifier(data: LabelledImages, options: Partial<DenseMemoryTrainerOptions>, rng: Rng, run: DenseMemoryTrainOptions = {}): DenseMemoryClassifier {
  const o: DenseMemoryTrainerOptions = { ...KROTOV_HOPFIELD_2016, ...options };
  validate(o, data);
  const { pixels: n, classes: c } = data;
  const k = o.memories;
  const d = n + c;
  const count = data.labels.length;
  const weights = new Float64Array(k * d);
  const init = rng.child('init');
  for (let i = 0; i < weights.length; i++) weights[i] = o.initMean + o.initStd * init.normal();
  const order = rng.child('order');
  const velocity = new Float64Array(k * d);
  const direction = new Float64Array(k * d);
  const buf = denseMemoryBuffers(k, c);
  const perm = new Int32Array(count);
  const batches = Math.floor(count / o.batchSize);
  const model = { weights, memories: k, pixels: n, classes: c, degree: o.degree, temperature: o.temperature };
  const sparse = offFloor(data.images, count, n);
  const { start, index, value } = sparse;
  // Per minibatch (the memories are fixed within one): base[k] = xi^k . (-1, ..., -1), and the
  // summed pixel coefficients bSum[k] of the floor part of the direction.
  const base = new Float64Array(k);
  const bSum = new Float64Array(k);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const eps = o.learningRate * o.decay ** epoch;
    const temperature = epoch <= o.rampEpochs && o.rampEpochs > 0
      ? o.initialTemperature + ((o.temperature - o.initialTemperature) * epoch) / o.rampEpochs
      : o.temperature;
    const current = { ...model, temperature };
    // The notebook floors max|V| at prec in its units, where V carries the factor T^(n-1) that
    // the scaled direction leaves out.
    const floor = Math.exp(Math.log(o.precision) - (o.degree - 1) * Math.log(temperature));
    order.permutation(count, perm);
    let wrong = 0;
    let loss = 0;
    for (let bat = 0; bat < batches; bat++) {
      direction.fill(0);
      bSum.fill(0);
      for (let mu = 0; mu < k; mu++) {
        let sum = 0;
        for (let j = mu * d; j < (mu + 1) * d; j++) sum += weights[j]!;
        base[mu] = -sum;
      }
      for (let q = bat * o.batchSize; q < (bat + 1) * o.batchSize; q++) {
        const s = perm[q]!;
        const label = data.labels[s]!;
        const from = start[s]!;
        const to = start[s + 1]!;
        for (let mu = 0; mu < k; mu++) {
          const row = mu * d;
          let h = base[mu]!;
          for (let e = from; e < to; e++) h += weights[row + index[e]!]! * value[e]!;
          buf.hu[mu] = h;
        }
        denseMemoryOutputs(current, buf.hu, buf);
        let best = 0;
        for (let j = 1; j < c; j++) if (buf.y[j]! > buf.y[best]!) best = j;
        if (best !== label) wrong++;
        loss += denseMemoryDirection(current, label, o.lossPower, buf, direction);
        for (let mu = 0; mu < k; mu++) {
          const bk = buf.b[mu]!;
          if (bk === 0) continue;
          bSum[mu]! += bk;
          const row = mu * d;
          for (let e = from; e < to; e++) direction[row + index[e]!]! += bk * value[e]!;
        }
      }
      for (let mu = 0; mu < k; mu++) {
        const row = mu * d;
        const shift = bSum[mu]!;
        let norm = 0;
        for (let j = 0; j < d; j++) {
          const v = o.momentum * velocity[row + j]! + direction[row + j]! - (j < n ? shift : 0);
          velocity[row + j] = v;
          const a = Math.abs(v);
          if (a > norm) norm = a;
        }
        const step = eps / Math.max(norm, floor);
        for (let j = 0; j < d; j++) {
          const w = weights[row + j]! + step * velocity[row + j]!;
          weights[row + j] = w > 1 ? 1 : w < -1 ? -1 : w;
        }
      }
    }
    if (run.onEpoch) {
      const seen = batches * o.batchSize;
      run.onEpoch({ epoch, learningRate: eps, temperature, trainError: wrong / seen, loss: loss / seen, model: denseMemoryClassifier({ ...model, temperature }) });
    }
  }
  const lastTemperature = o.epochs - 1 <= o.rampEpochs && o.rampEpochs > 0
    ? o.initialTemperature + ((o.temperature - o.initialTemperature) * (o.epochs - 1)) / o.rampEpochs
    : o.temperature;
  return denseMemoryClassifier({ ...model, temperature: lastTemperature });
}

/**
 * The images as offsets from the pixel floor -1 (`x = -1 + z`), stored sparsely: most digit pixels
 * are background (z = 0), so overlaps and direction updates loop over the nonzero z only, and the
 * floor's share is one sum per memory. Exact: the same sums, in another order.
 */
function offFloor(images: Float64Array, count: number, n: number): { start: Int32Array; index: Int32Array; value: Float64Array } {
  const start = new Int32Array(count + 1);
  let nnz = 0;
  for (let i = 0; i < count * n; i++) if (images[i] !== -1) nnz++;
  const index = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  let e = 0;
  for (let s = 0; s < count; s++) {
    start[s] = e;
    for (let i = 0; i < n; i++) {
      const z = images[s * n + i]! + 1;
      if (z !== 0) {
        index[e] = i;
        value[e] = z;
        e++;
      }
    }
  }
  start[count] = e;
  return { start, index, value };
}

function validate(o: DenseMemoryTrainerOptions, data: LabelledImages): void {
  assertPositiveInteger('pixels', data.pixels);
  assertPositiveInteger('classes', data.classes);
  if (data.classes < 2) throw new InvalidValueError('classes', `must be at least 2, got ${data.classes}`, 'pass the number of label neurons, e.g. 10 for digits');
  assertPositiveInteger('memories', o.memories);
  if (!(o.degree >= 1 && o.degree <= 1000)) throw new InvalidValueError('degree', `must lie in [1, 1000], got ${o.degree}`, 'pass the degree n of F(x) = max(x, 0)^n, e.g. 20');
  assertPositiveInteger('lossPower', o.lossPower);
  assertPositive('temperature', o.temperature);
  assertPositive('initialTemperature', o.initialTemperature);
  if (!Number.isInteger(o.rampEpochs) || o.rampEpochs < 0) throw new InvalidValueError('rampEpochs', `must be an integer >= 0, got ${o.rampEpochs}`, 'pass 0 for no ramp');
  assertPositive('learningRate', o.learningRate);
  assertInRange('decay', o.decay, Number.MIN_VALUE, 1);
  assertInRange('momentum', o.momentum, 0, 0.999999);
  assertPositiveInteger('epochs', o.epochs);
  assertPositiveInteger('batchSize', o.batchSize);
  if (!Number.isFinite(o.initMean)) throw new InvalidValueError('initMean', `must be finite, got ${o.initMean}`, 'pass a mean such as -0.3');
  if (!Number.isFinite(o.initStd) || o.initStd < 0) throw new InvalidValueError('initStd', `must be a finite number >= 0, got ${o.initStd}`, 'pass a standard deviation such as 0.3');
  assertPositive('precision', o.precision);
  checkLabelledBatch(data, data);
  if (o.batchSize > data.labels.length) {
    throw new InvalidValueError('batchSize', `${o.batchSize} exceeds the ${data.labels.length} training images`, 'pass a minibatch no larger than the training set');
  }
}
