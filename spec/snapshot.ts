import { InvalidValueError, ParameterError, ShapeError } from '../src/errors.js';
import { agreeOnHypercube } from '../src/kernels/kernel.js';
import { createKernel } from '../src/kernels/registry.js';
import type { RecurrentNetwork } from '../src/network/index.js';
import { bipolarPatterns, type BipolarPatterns } from '../src/patterns/pattern-set.js';
import { base64ToBytes, bytesToBase64 } from './base64.js';
import { networkFromSpec } from './build-network.js';
import { networkSpecSchema, type NetworkSpec } from './network-spec.js';

/** The snapshot format this kmn writes; it reads this version and older. */
export const snapshotFormatVersion = 1;

const magic = 'KMNN';

/** A trained network loaded from a snapshot. */
export interface LoadedNetwork {
  readonly spec: NetworkSpec;
  readonly patterns: BipolarPatterns;
  /** The network with its saved coefficients installed (no retraining). */
  readonly network: RecurrentNetwork;
}

interface Header {
  readonly format: 'kmn-network';
  readonly version: number;
  readonly spec: unknown;
  readonly count: number;
  readonly dim: number;
}

interface JsonSnapshot extends Header {
  readonly patterns: string;
  readonly alpha: string;
  readonly theta: string;
}

// Typed arrays are stored little-endian; refuse quietly wrong bytes on a big-endian machine.
function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new InvalidValueError('platform', 'big-endian byte order', 'snapshots store little-endian arrays; load them on a little-endian machine');
}

const asBytes = (a: Float64Array | Int8Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

// A snapshot is rebuilt from its spec, so the spec must describe this very network.
function assertDescribes(spec: NetworkSpec, network: RecurrentNetwork): void {
  const kernel = createKernel(spec.kernel.name, spec.kernel.params);
  if (!agreeOnHypercube(kernel, network.kernel, network.size - 1)) throw new ParameterError('spec.kernel', `is ${spec.kernel.name} ${JSON.stringify(spec.kernel.params)}, but the network computes fields with ${network.kernel.name} ${JSON.stringify(network.kernel.params)}`, 'save the network with the spec it was built from');
  if (spec.tie !== network.tie) throw new ParameterError('spec.tie', `is ${spec.tie}, but the network's tie rule is ${network.tie}`, 'save the network with the spec it was built from');
  if ((spec.neuron?.name) !== network.neuron?.name) throw new ParameterError('spec.neuron', `names ${spec.neuron?.name ?? 'no neuron model'}, but the network runs ${network.neuron?.name ?? 'the kernel form'}`, 'save the network with the spec it was built from');
}

function parts(spec: NetworkSpec, network: RecurrentNetwork): { header: Header; alpha: Float64Array; theta: Float64Array; data: Int8Array } {
  assertLittleEndian();
  assertDescribes(spec, network);
  const { patterns } = network;
  return { header: { format: 'kmn-network', version: snapshotFormatVersion, spec, count: patterns.count, dim: patterns.dim }, alpha: network.alpha, theta: network.theta, data: patterns.data };
}

/**
 * Saves a network as JSON: its spec, stored patterns and learned coefficients (A, theta), the
 * typed arrays as base64 of their little-endian bytes, so that loading gives bit-identical
 * fields and trajectories. For large networks use {@link saveNetworkBinary}.
 *
 * @throws {@link ParameterError} if the spec does not describe the network (kernel, tie rule,
 * neuron model).
 * @example
 * ```ts
 * const text = saveNetwork(spec, network);
 * const { network: again } = loadNetwork(text);
 * ```
 */
export function saveNetwork(spec: NetworkSpec, network: RecurrentNetwork): string {
  const { header, alpha, theta, data } = parts(spec, network);
  const snapshot: JsonSnapshot = { ...header, patterns: bytesToBase64(asBytes(data)), alpha: bytesToBase64(asBytes(alpha)), theta: bytesToBase64(asBytes(theta)) };
  return `${JSON.stringify(snapshot)}\n`;
}

/**
 * Saves a network in the compact binary form: `KMNN`, a little-endian u32 header length, the
 * JSON header (format, version, spec, shapes), zero padding to 8 bytes, then A (f64, N x M),
 * theta (f64, N) and the patterns (i8, M x N).
 *
 * @example
 * ```ts
 * writeFileSync('net.kmnn', saveNetworkBinary(spec, network));
 * ```
 */
export function saveNetworkBinary(spec: NetworkSpec, network: RecurrentNetwork): Uint8Array {
  const { header, alpha, theta, data } = parts(spec, network);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((8 + json.length) / 8) * 8;
  const out = new Uint8Array(start + alpha.byteLength + theta.byteLength + data.byteLength);
  out.set(new TextEncoder().encode(magic), 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  out.set(asBytes(alpha), start);
  out.set(asBytes(theta), start + alpha.byteLength);
  out.set(asBytes(data), start + alpha.byteLength + theta.byteLength);
  return out;
}

function checkHeader(raw: unknown): { spec: NetworkSpec; count: number; dim: number } {
  const h = raw as Partial<Header> | null;
  if (!h || typeof h !== 'object' || h.format !== 'kmn-network') throw new InvalidValueError('snapshot', 'not a kmn network snapshot (no "format": "kmn-network")', 'pass a file written by saveNetwork or saveNetworkBinary');
  if (typeof h.version !== 'number' || !Number.isInteger(h.version) || h.version < 1) throw new InvalidValueError('snapshot.version', `version ${String(h.version)}`, 'the file is corrupt: save the network again');
  if (h.version > snapshotFormatVersion) throw new ParameterError('snapshot.version', `format ${h.version} was written by a newer kmn; this kmn reads format ${snapshotFormatVersion}`, 'upgrade kmn to load it');
  const count = h.count;
  const dim = h.dim;
  if (typeof count !== 'number' || typeof dim !== 'number' || !Number.isInteger(count) || !Number.isInteger(dim) || count < 1 || dim < 2) throw new ShapeError('snapshot', `pattern shape ${String(count)} x ${String(dim)}`, 'the file is corrupt: save the network again');
  const spec = networkSpecSchema.safeParse(h.spec);
  if (!spec.success) throw new InvalidValueError('snapshot.spec', spec.error.issues[0]!.message, 'the file is corrupt: save the network again');
  return { spec: spec.data as NetworkSpec, count, dim };
}

function expectBytes(name: string, got: number, want: number): void {
  if (got !== want) throw new ShapeError(`snapshot.${name}`, `${got} bytes where the shapes need ${want}`, 'the file is truncated or its shapes were edited: save the network again');
}

function rebuild(spec: NetworkSpec, count: number, dim: number, data: Int8Array, alpha: Float64Array, theta: Float64Array): LoadedNetwork {
  const patterns = bipolarPatterns(data, { count, dim });
  const network = networkFromSpec(spec, patterns);
  network.setCoefficients({ alpha, theta });
  return { spec, patterns, network };
}

const copyBytes = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

/**
 * Loads a network saved by {@link saveNetwork} (a string) or {@link saveNetworkBinary} (bytes):
 * rebuilds it from the spec and installs the saved coefficients, with no retraining.
 *
 * @throws {@link InvalidValueError} for text that is not a snapshot (or truncated JSON);
 * {@link ParameterError} for a format version newer than this kmn's; {@link ShapeError} for
 * arrays whose sizes do not match the shapes.
 * @example
 * ```ts
 * const { spec, patterns, network } = loadNetwork(readFileSync('net.json', 'utf8'));
 * ```
 */
export function loadNetwork(input: string | Uint8Array): LoadedNetwork {
  assertLittleEndian();
  if (typeof input === 'string') {
    let raw: unknown;
    try {
      raw = JSON.parse(input);
    } catch {
      throw new InvalidValueError('snapshot', 'not valid JSON (truncated or not a snapshot)', 'pass the complete text written by saveNetwork');
    }
    const { spec, count, dim } = checkHeader(raw);
    const s = raw as JsonSnapshot;
    for (const key of ['patterns', 'alpha', 'theta'] as const) if (typeof s[key] !== 'string') throw new InvalidValueError(`snapshot.${key}`, 'missing', 'the file is corrupt: save the network again');
    const p = base64ToBytes(s.patterns, 'snapshot.patterns');
    const a = base64ToBytes(s.alpha, 'snapshot.alpha');
    const t = base64ToBytes(s.theta, 'snapshot.theta');
    expectBytes('patterns', p.length, count * dim);
    expectBytes('alpha', a.length, 8 * count * dim);
    expectBytes('theta', t.length, 8 * dim);
    return rebuild(spec, count, dim, new Int8Array(copyBytes(p)), new Float64Array(copyBytes(a)), new Float64Array(copyBytes(t)));
  }
  if (input.length < 8 || new TextDecoder().decode(input.subarray(0, 4)) !== magic) throw new InvalidValueError('snapshot', 'not a binary kmn network snapshot (no KMNN magic)', 'pass bytes written by saveNetworkBinary');
  const length = new DataView(input.buffer, input.byteOffset, input.byteLength).getUint32(4, true);
  if (8 + length > input.length) throw new InvalidValueError('snapshot', 'the header runs past the end of the data (truncated)', 'pass the complete file written by saveNetworkBinary');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(input.subarray(8, 8 + length)));
  } catch {
    throw new InvalidValueError('snapshot', 'the header is not valid JSON', 'the file is corrupt: save the network again');
  }
  const { spec, count, dim } = checkHeader(raw);
  const start = Math.ceil((8 + length) / 8) * 8;
  const alphaBytes = 8 * count * dim;
  const thetaBytes = 8 * dim;
  expectBytes('data', input.length - start, alphaBytes + thetaBytes + count * dim);
  const body = input.subarray(start);
  return rebuild(spec, count, dim,
    new Int8Array(copyBytes(body.subarray(alphaBytes + thetaBytes))),
    new Float64Array(copyBytes(body.subarray(0, alphaBytes))),
    new Float64Array(copyBytes(body.subarray(alphaBytes, alphaBytes + thetaBytes))));
}
