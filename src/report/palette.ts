/**
 * Okabe-Ito colours (Okabe and Ito 2008, "Color Universal Design"), ordered for points and
 * lines on white: distinguishable under protanopia, deuteranopia and tritanopia and in greyscale
 * print when paired with {@link shapes}. Yellow (#F0E442) is left out: it vanishes on white.
 *
 * @example
 * ```ts
 * const color = palette[k % palette.length];
 * ```
 */
export const palette: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/**
 * Point shapes (Vega-Lite symbol names) paired with {@link palette}: series stay apart when
 * colours are not seen and when points overlap.
 *
 * @example
 * ```ts
 * const shape = shapes[k % shapes.length];
 * ```
 */
export const shapes: readonly string[] = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-right'];

/**
 * Neutral colours: theory references without a measured partner, the agnostic region of a basin
 * map, grid lines.
 *
 * @example
 * ```ts
 * const { reference, agnostic } = neutral;
 * ```
 */
export const neutral = { reference: '#555555', light: '#999999', agnostic: '#d9d9d9', other: '#6b6b6b' } as const;
