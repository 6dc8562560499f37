//! Memory prefetch hints for the simulation's hot path.
//!
//! Booking requests land on random markets, cache slots and legs; their work is mostly waiting
//! for memory. The engine draws requests a few steps ahead of their turn and asks the CPU to
//! start loading what they will read, so the loads overlap with the requests in between. A
//! hint changes no result: it only moves data closer to the core earlier.

/// Asks the CPU to start loading the cache line that holds `x` (a hint; a no-op on targets
/// without a prefetch instruction).
#[inline(always)]
pub fn prefetch<T>(x: &T) {
    prefetch_address(x as *const T);
}

/// Asks the CPU to start loading the cache line of `items[i]`, without a bounds check: an
/// index past the end only wastes the hint.
#[inline(always)]
pub fn prefetch_at<T>(items: &[T], i: usize) {
    prefetch_address(items.as_ptr().wrapping_add(i));
}

#[inline(always)]
fn prefetch_address<T>(x: *const T) {
    #[cfg(target_arch = "x86_64")]
    // The one `unsafe` block of the workspace (see ARCHITECTURE.md): an intrinsic call.
    #[allow(unsafe_code)]
    // SAFETY: `_mm_prefetch` only hints the cache: it never faults, whatever the address, and
    // reads nothing into the program. SSE is part of the x86_64 baseline.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(x.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}
