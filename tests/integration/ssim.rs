//! Tests for the ssim stage (filled in with the feature).
