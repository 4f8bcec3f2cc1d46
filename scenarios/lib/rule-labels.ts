/**
 * Figure legend names of the scenario learning rules (the CLI names stay in tables and CSV).
 * A name without an entry is shown as it is.
 *
 * @example
 * ```ts
 * ruleLabel('adatron'); // 'Kernel-Adatron'
 * ```
 */
export function ruleLabel(rule: string): string {
  return labels[rule] ?? rule;
}

const labels: Readonly<Record<string, string>> = {
  hebbian: 'Hebbian (one-shot)', centredHebbian: 'centred Hebbian', pseudoinverse: 'pseudoinverse', perceptron: 'perceptron (κ = 0)',
  minover: 'MinOver', pa: 'passive-aggressive (PA-I)', adatron: 'Kernel-Adatron',
};
