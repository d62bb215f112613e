//! The helper threads of a bulk write: a workbook's reader, the parser and the staged full-text index feed
//! the one thread that writes the database.

/// Nice value of a helper thread: enough that the scheduler keeps the writer's core for the writer.
#[cfg(target_os = "linux")]
const HELPER_NICE: libc::c_int = 5;

/// Lowers the calling thread's scheduling priority. The writer is the one thread an import waits on; with a
/// workbook, the reader, the parser and the index stage are three more busy threads, and on two cores they
/// took turns with the writer (it lost up to a third of its time on a million-row xlsx). Lowered, they share
/// the other core.
pub(crate) fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority reads only its arguments. On Linux the nice value is per thread, and PRIO_PROCESS
    // with `who` 0 names the calling thread. A failure leaves the priority as it was, which is harmless.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, HELPER_NICE);
    }
}
