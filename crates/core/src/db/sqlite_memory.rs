//! SQLite's small allocations (statements' values, FTS5's term hash, b-tree cursors) from mimalloc, the
//! allocator the binaries give Rust; its large ones (database pages) from the system allocator. Left to itself
//! the bundled SQLite calls the C library's malloc for everything, with an 8-byte header before each block:
//! that was 8% of a million-row import's search stage and 1.5% of its writer. Through mimalloc a 100k-row
//! import's stage ran 4.5% fewer instructions and its writer 1% fewer (BENCHMARKS.md, session 16).
use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::{c_int, c_void};

use libmimalloc_sys as mi;
use rusqlite::ffi;

/// Blocks larger than this (database pages, above all) come from the system allocator: mimalloc's size
/// classes are a quarter apart there, and a 16 KiB page with SQLite's header took a 20 KiB block (a million-row
/// import peaked 30–50 MiB higher). SQLite's small blocks, the many, stay with mimalloc.
const LARGE: usize = 4096;

/// Before each large block: its size, as SQLite's default allocator keeps it (16 bytes keep the alignment).
const HEADER: usize = 16;

fn large_layout(n: usize) -> Layout {
    // Never fails: n is below 2 GiB (SQLITE_MAX_ALLOCATION_SIZE) and the alignment a power of two.
    Layout::from_size_align(n + HEADER, HEADER).expect("an SQLite block's layout")
}

unsafe fn large_malloc(n: usize) -> *mut c_void {
    let base = System.alloc(large_layout(n));
    if base.is_null() {
        return base.cast();
    }
    base.cast::<usize>().write(n);
    base.add(HEADER).cast()
}

unsafe fn large_size(p: *mut c_void) -> usize {
    p.cast::<u8>().sub(HEADER).cast::<usize>().read()
}

unsafe extern "C" fn malloc(n: c_int) -> *mut c_void {
    // SQLite never asks for 0 or a negative size (sqlite3Malloc refuses those itself).
    let n = n as usize;
    if n <= LARGE {
        mi::mi_malloc(n)
    } else {
        large_malloc(n)
    }
}

unsafe extern "C" fn free(p: *mut c_void) {
    if mi::mi_is_in_heap_region(p) {
        mi::mi_free(p)
    } else {
        let n = large_size(p);
        System.dealloc(p.cast::<u8>().sub(HEADER), large_layout(n))
    }
}

unsafe extern "C" fn realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    let n = n as usize;
    let small = mi::mi_is_in_heap_region(p);
    if small && n <= LARGE {
        return mi::mi_realloc(p, n);
    }
    if !small && n > LARGE {
        let old = large_size(p);
        let base = System.realloc(p.cast::<u8>().sub(HEADER), large_layout(old), n + HEADER);
        if base.is_null() {
            return base.cast();
        }
        base.cast::<usize>().write(n);
        return base.add(HEADER).cast();
    }
    // From one allocator to the other.
    let moved = malloc(n as c_int);
    if !moved.is_null() {
        std::ptr::copy_nonoverlapping(p.cast::<u8>(), moved.cast::<u8>(), (size(p) as usize).min(n));
        free(p);
    }
    moved
}

unsafe extern "C" fn size(p: *mut c_void) -> c_int {
    // SQLite's blocks are under 2 GiB (SQLITE_MAX_ALLOCATION_SIZE); so is any size class holding one.
    (if mi::mi_is_in_heap_region(p) { mi::mi_usable_size(p) } else { large_size(p) }) as c_int
}

unsafe extern "C" fn roundup(n: c_int) -> c_int {
    // The size the block will have: SQLite then uses all of it (a growing buffer grows less often). A small
    // block's size class is no larger than LARGE, which is one.
    let n = n as usize;
    (if n <= LARGE { mi::mi_good_size(n).min(LARGE) } else { n.next_multiple_of(8) }) as c_int
}

unsafe extern "C" fn init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn shutdown(_: *mut c_void) {}

/// Gives SQLite mimalloc for its small blocks and the system allocator for its large ones; whether it took
/// them. SQLite takes an allocator only before it starts: once any connection has been opened in the process,
/// it keeps the C library's malloc for everything (and this says false).
///
/// # Safety
/// No other thread may be using SQLite while this runs (`sqlite3_config` is not thread-safe): call it first
/// thing in `main`, before any thread starts.
pub unsafe fn give_sqlite_mimalloc() -> bool {
    let methods = ffi::sqlite3_mem_methods {
        xMalloc: Some(malloc),
        xFree: Some(free),
        xRealloc: Some(realloc),
        xSize: Some(size),
        xRoundup: Some(roundup),
        xInit: Some(init),
        xShutdown: Some(shutdown),
        pAppData: std::ptr::null_mut(),
    };
    // SQLite copies the methods before this returns.
    ffi::sqlite3_config(ffi::SQLITE_CONFIG_MALLOC, &methods as *const ffi::sqlite3_mem_methods) == ffi::SQLITE_OK
}
