import * as vega from 'vega';
import * as vl from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { imageGridSpec } from '../../src/data/image-grid.js';
import { InvalidValueError, ShapeError } from '../../src/errors.js';

// Two 2 x 3 images: one with ink at pixels 1 and 5, one blank.
const inked = Float64Array.of(0, 1, 0, 0, 0, 0.5);
const blank = new Float64Array(6);

describe('imageGridSpec', () => {
  const spec = imageGridSpec({ title: 'grid', image: { height: 2, width: 3 }, rows: [{ label: 'stored', images: [inked, blank] }, { label: 'recalled', images: [blank, inked] }], columns: ['a', 'b'], domain: [0, 1] });
  const values = (spec.data as { values: { stage: string; item: string; x: number; y: number; v: number }[] }).values;

  it('keeps every non-white pixel at its (x, y) and pixel (0, 0) of every image, so no facet is missing', () => {
    // per inked image: (0,0) + pixels 1 and 5 = 3 records; per blank image: (0,0) only
    expect(values.length).toBe(3 + 1 + 1 + 3);
    expect(values).toContainEqual({ stage: 'stored', item: 'a', x: 1, y: 0, v: 1 });
    expect(values).toContainEqual({ stage: 'recalled', item: 'b', x: 2, y: 1, v: 0.5 });
    const facets = new Set(values.map((d) => `${d.stage}/${d.item}`));
    expect(facets.size).toBe(4);
  });

  it('is a valid Vega-Lite spec that renders to SVG with 2 x 2 facets of 6 cells', async () => {
    const compiled = vl.compile(spec as never).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    const svg = await view.toSVG();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('stored');
    expect(svg).toContain('recalled');
    // the rect marks of the scenegraph hold one item per data record
    let rectItems = 0;
    const walk = (node: { marktype?: string; items?: unknown[] }): void => {
      for (const item of node.items ?? []) {
        if (node.marktype === 'rect') rectItems++;
        for (const child of (item as { items?: unknown[] }).items ?? []) walk(child as never);
      }
    };
    walk((view.scenegraph() as unknown as { root: never }).root);
    expect(rectItems).toBe(values.length);
  });

  it('bad shapes and empty inputs are typed errors', () => {
    expect(() => imageGridSpec({ title: 't', image: { height: 2, width: 3 }, rows: [] })).toThrow(InvalidValueError);
    expect(() => imageGridSpec({ title: 't', image: { height: 2, width: 3 }, rows: [{ label: 'a', images: [new Float64Array(5)] }] })).toThrow(ShapeError);
    expect(() => imageGridSpec({ title: 't', image: { height: 2, width: 3 }, rows: [{ label: 'a', images: [inked] }, { label: 'b', images: [inked, inked] }] })).toThrow(ShapeError);
    expect(() => imageGridSpec({ title: 't', image: { height: 2, width: 3 }, rows: [{ label: 'a', images: [inked] }], domain: [1, 1] })).toThrow(InvalidValueError);
  });
});
