//! Tests for the synth stage (filled in with the feature).
