/** The spike bus, monitors and analysis operators: the only part of kmn that imports RxJS. */
export * from './simulation.js';
export * from './monitors/ring-buffer.js';
export * from './monitors/raster-monitor.js';
export * from './monitors/snapshot-monitor.js';
export * from './monitors/overlap-monitor.js';
export * from './monitors/energy-monitor.js';
export * from './operators/firing-rate.js';
export * from './operators/overlap-with.js';
export * from './training-events.js';
