// The Node.js flags every backend process runs with: `npm start` here spells them too (a unit test
// holds the two together), and the demo, the browser tests' stack and the bench start the backend
// with this list.
//
// V8's young generation is fixed at 32 MB a semi-space, where by default it grows to 16 MB. An
// import allocates ~90 MB for every 1,000 products it reads, nearly all of it dead within a chunk,
// but a chunk's objects live while two more are read, and every young collection copies them. With
// the default size a 1,000-product job on the configurable-heavy catalog ran 6-7 young collections
// (30-55 ms of the backend's main thread); at 32 MB it runs 3 (~25 ms), the longest no longer than
// the default's (10-12 ms). Side by side, three rounds each: warm jobs 380-386 ms against 386-409,
// GET job p99 under 50 pollers during imports 15.3-16.0 ms against 15.4-16.7. At 64 MB the jobs ran
// ~8 % faster still, but each collection copied more pages and that p99 went from 17.6-18.5 to
// 20.7-27.1 ms. Fixed rather than let grow: growing took one 30-40 ms pause in an early job. The
// cost is up to 32 MB more resident memory.
export const BACKEND_NODE_FLAGS = ['--min-semi-space-size=32', '--max-semi-space-size=32'];
