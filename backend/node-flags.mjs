// The Node.js flags every backend process runs with: `npm start` here spells them too (a unit test
// holds the two together), and the demo, the browser tests' stack and the bench start the backend
// with this list.
//
// V8's young generation is fixed at 64 MB a semi-space, where by default it grows to 16 MB. An
// import allocates ~90 MB for every 1,000 products it reads, nearly all of it dead within a chunk,
// but a chunk's objects live while two more are read. With the default size a 1,000-product job on
// the configurable-heavy catalog ran ~7 young collections (~50 ms, a sixth of the backend's CPU)
// that moved each page into the old generation; at 64 MB it runs ~2 (~16 ms), none longer than the
// default's longest (~15 ms), and the job took ~8 % less time. Fixed rather than let grow to it:
// growing took one 30-40 ms pause in an early job. The cost is ~95 MB more resident memory, taken
// at boot rather than while jobs run.
export const BACKEND_NODE_FLAGS = ['--min-semi-space-size=64', '--max-semi-space-size=64'];
