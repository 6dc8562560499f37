//! Tests for the report stage (filled in with the feature).
