import { expect } from 'vitest';
import { KmnError } from '../../src/errors.js';

/** Milliseconds one generated case may take; a case that loops would blow it (and the test timeout). */
export const CASE_DEADLINE_MS = 250;

/**
 * Runs `fn` on one bad input and checks it throws a KmnError naming `parameter`, within the
 * per-case deadline. Returns the error for further checks.
 */
export function expectKmnError(fn: () => unknown, parameter: string | RegExp, label: string): KmnError {
  const started = performance.now();
  let thrown: unknown;
  let value: unknown;
  try {
    value = fn();
  } catch (error) {
    thrown = error;
  }
  const took = performance.now() - started;
  expect(took, `${label}: took ${took.toFixed(0)} ms`).toBeLessThan(CASE_DEADLINE_MS);
  expect(thrown, `${label}: returned ${String(value)} instead of throwing`).toBeInstanceOf(KmnError);
  const e = thrown as KmnError;
  if (typeof parameter === 'string') expect(e.parameter, label).toBe(parameter);
  else expect(e.parameter, label).toMatch(parameter);
  expect(e.message.startsWith(`${e.parameter}: `), label).toBe(true);
  expect(e.message, label).not.toMatch(/\n/);
  return e;
}
