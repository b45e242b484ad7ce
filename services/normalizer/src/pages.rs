//! How the normalizer's process takes memory from the kernel.

/// Asks the kernel for ordinary 4 KiB pages instead of transparent huge
/// pages for this process (`PR_SET_THP_DISABLE`, kept across `exec`).
///
/// Why: mimalloc returns freed memory to the kernel and takes it back as
/// new pages, and a new 2 MiB huge page is zeroed — and, once another
/// process has fragmented memory, compacted for — at every such fault.
/// Normalizing the scrapinghub pages right after another large process
/// spent 0.14–0.21 s of system time that way against 0.43 s of user time;
/// with small pages, 0.02–0.04 s, and peak RSS 55 MB instead of 87
/// (docs/measurements.md). Returns whether the kernel agreed; a kernel
/// without the call just keeps its default.
pub fn prefer_small_pages() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: prctl with PR_SET_THP_DISABLE takes four integer
        // arguments and touches no memory of this process.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0 }
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn the_kernel_takes_the_setting() {
        assert!(super::prefer_small_pages());
        // SAFETY: PR_GET_THP_DISABLE takes no pointer.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
    }
}
