//! The `flightnet` command-line tool: parses arguments and calls the library.

fn main() {}
