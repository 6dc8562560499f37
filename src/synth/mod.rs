//! Synthetic networks in the `routes/` format, for benchmarks and scale tests.
