/**
 * A kernel by registry name and parameters (`createKernel(name, params)`): the plain-data form a
 * network spec and a worker thread rebuild a kernel from.
 *
 * @example
 * ```ts
 * const k: KernelSpec = { name: 'polynomial', params: { degree: 3, c: 1 } };
 * ```
 */
export interface KernelSpec {
  readonly name: string;
  readonly params: Readonly<Record<string, number>>;
}
