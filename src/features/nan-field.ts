import { InvalidValueError } from '../errors.js';

/**
 * The typed error for a field that is NaN (both energies infinite, or a feature sum that
 * overflowed): a NaN must never pass as a tie.
 *
 * @example
 * ```ts
 * if (Number.isNaN(field)) throw nanField(i, eCur, eAlt);
 * ```
 */
export function nanField(i: number, energy: number, other: number): InvalidValueError {
  return new InvalidValueError(
    'memory',
    `neuron ${i}'s field is NaN (energies ${energy} and ${other} of its two states are not comparable doubles)`,
    'lower beta or rescale the patterns so that every energy is a finite double',
  );
}
