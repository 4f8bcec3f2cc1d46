// Property tests draw from one fixed seed, so a test run is reproducible (as every kmn run is);
// counterexamples found once are kept as `examples` in the tests. KMN_FC_SEED=<n> explores anew.
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.KMN_FC_SEED ?? 20261125) });
