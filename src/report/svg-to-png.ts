import { ParameterError } from '../errors.js';

interface ResvgModule {
  Resvg: new (svg: string, options: object) => { render(): { asPng(): Uint8Array } };
}

let resvg: Promise<ResvgModule> | undefined;

// The renderer is an optional dependency (prebuilt binaries inside registry packages): loaded on
// first use, so kmn installs and runs without it; only PNG export needs it.
function loadResvg(): Promise<ResvgModule> {
  resvg ??= import('@resvg/resvg-js').then(
    (m) => ((m as unknown as { default?: ResvgModule }).default ?? (m as unknown as ResvgModule)),
    () => {
      resvg = undefined;
      throw new ParameterError('--png', 'needs the optional dependency @resvg/resvg-js, which is not installed', 'npm install @resvg/resvg-js, or convert the SVGs yourself: rsvg-convert -z 2 -o fig.png fig.svg');
    },
  );
  return resvg;
}

/**
 * Renders an SVG document to PNG with resvg (system fonts; the figures name DejaVu Sans first),
 * at `scale` times the SVG's size (2 by default: sharp on screens and in slides).
 *
 * @throws {@link ParameterError} naming `--png` when the optional renderer is not installed.
 * @example
 * ```ts
 * writeFileSync('capacity.png', await svgToPng(svg));
 * ```
 */
export async function svgToPng(svg: string, options: { scale?: number } = {}): Promise<Uint8Array> {
  const { Resvg } = await loadResvg();
  const scale = options.scale ?? 2;
  if (!(scale > 0 && scale <= 8)) throw new ParameterError('scale', `must be in (0, 8], got ${scale}`, 'use 1 for the SVG size, 2 for high-resolution screens');
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'zoom', value: scale }, background: 'white' }).render().asPng();
}
