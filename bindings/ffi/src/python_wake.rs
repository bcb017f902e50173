//! A continuation callback for the Python binding's `AsyncClient` (`cleverkit/_async.py`) that
//! never enters Python on a worker thread.
//!
//! UniFFI's Python code passes a ctypes callback to `rust_future_poll`: each worker thread that
//! finishes a call then takes the GIL (ctypes makes a Python thread state for it each time) to
//! wake the event loop. These plain C functions (not part of the UniFFI API, used by no other
//! binding) do the same without Python: the callback queues the result for the loop's channel
//! and writes one byte to a socket the loop watches, only when the queue was empty; the loop
//! takes all queued results at once. A result found inside the poll (the call had already
//! finished) is returned by `cleverkit_python_poll` to its caller instead.
//!
//! The callback's data is `channel << SEQUENCE_BITS | sequence`: the channel of the loop, and
//! the loop's number for that poll.

use std::cell::Cell;
use std::io::Write;
use std::mem::ManuallyDrop;
use std::os::fd::{FromRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::{Mutex, RwLock};

use uniffi::{Handle, RustFutureContinuationCallback, RustFuturePoll};

const SEQUENCE_BITS: u32 = 40;
const SEQUENCE_MASK: u64 = (1 << SEQUENCE_BITS) - 1;

struct Channel {
    /// The writing end of the loop's socket pair (Python owns it, and closes it only after
    /// `cleverkit_python_channel_close`).
    fd: RawFd,
    /// `sequence << 8 | poll code`.
    ready: Mutex<Vec<u64>>,
}

/// Channel `n` is at index `n - 1`.
static CHANNELS: RwLock<Vec<Option<Channel>>> = RwLock::new(Vec::new());

thread_local! {
    /// The data of the poll this thread is in (0: none), and what its callback said.
    static POLLING: Cell<(u64, i8)> = const { Cell::new((0, -1)) };
}

/// The scaffolding's `ffi_cleverkit_ffi_rust_future_poll_*` (UniFFI's future-poll ABI),
/// spelt with UniFFI's own types: `cleverkit_python_poll` calls one through this type.
type Poll = unsafe extern "C" fn(Handle, RustFutureContinuationCallback, u64);

// Tripwires: the build fails when UniFFI's future-poll ABI is no longer the one this file and
// `cleverkit/_async.py` assume, instead of calling a function through the wrong type.
// - Every poll function the scaffolding exports has exactly the type `Poll`.
const _: [Poll; 12] = [
    crate::ffi_cleverkit_ffi_rust_future_poll_u8,
    crate::ffi_cleverkit_ffi_rust_future_poll_i8,
    crate::ffi_cleverkit_ffi_rust_future_poll_u16,
    crate::ffi_cleverkit_ffi_rust_future_poll_i16,
    crate::ffi_cleverkit_ffi_rust_future_poll_u32,
    crate::ffi_cleverkit_ffi_rust_future_poll_i32,
    crate::ffi_cleverkit_ffi_rust_future_poll_u64,
    crate::ffi_cleverkit_ffi_rust_future_poll_i64,
    crate::ffi_cleverkit_ffi_rust_future_poll_f32,
    crate::ffi_cleverkit_ffi_rust_future_poll_f64,
    crate::ffi_cleverkit_ffi_rust_future_poll_rust_buffer,
    crate::ffi_cleverkit_ffi_rust_future_poll_void,
];
// - The continuation callback is `cleverkit_python_continuation`'s type: (data, poll code).
const _: RustFutureContinuationCallback = cleverkit_python_continuation;
// - What crosses to Python as plain integers: the handle is a `u64` (ctypes `c_uint64` in the
//   generated module, `future` below), the poll code an `i8` (`c_int8`) with 0 ready and
//   1 wake (the generated module's `_UNIFFI_RUST_FUTURE_POLL_READY`/`_WAKE`; `_async.py`
//   packs it in the low byte). `tests/test_generated.py` checks the Python side.
const _: () = {
    assert!(size_of::<Handle>() == size_of::<u64>() && align_of::<Handle>() == align_of::<u64>());
    assert!(size_of::<RustFuturePoll>() == size_of::<i8>());
    assert!(RustFuturePoll::Ready as i8 == 0 && RustFuturePoll::Wake as i8 == 1);
};

/// Registers the writing end `fd` of a loop's socket pair: returns the channel number.
#[unsafe(no_mangle)]
pub extern "C" fn cleverkit_python_channel_open(fd: i32) -> u64 {
    let mut channels = CHANNELS
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let channel = Channel {
        fd: fd as RawFd,
        ready: Mutex::new(Vec::new()),
    };
    let index = match channels.iter().position(Option::is_none) {
        Some(free) => {
            channels[free] = Some(channel);
            free
        }
        None => {
            channels.push(Some(channel));
            channels.len() - 1
        }
    };
    index as u64 + 1
}

/// Forgets a channel: its socket is no longer written to once this returns.
#[unsafe(no_mangle)]
pub extern "C" fn cleverkit_python_channel_close(channel: u64) {
    let mut channels = CHANNELS
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(slot) = (channel as usize)
        .checked_sub(1)
        .and_then(|index| channels.get_mut(index))
    {
        *slot = None;
    }
}

/// Moves up to `capacity` queued results of `channel` into `out` (each `sequence << 8 |
/// poll code`); returns how many.
///
/// # Safety
/// `out` points to at least `capacity` writable `u64`s.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cleverkit_python_channel_take(
    channel: u64,
    out: *mut u64,
    capacity: usize,
) -> usize {
    let channels = CHANNELS
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let Some(Some(found)) = (channel as usize)
        .checked_sub(1)
        .and_then(|index| channels.get(index))
    else {
        return 0;
    };
    let mut ready = found
        .ready
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let count = ready.len().min(capacity);
    // SAFETY: the caller gives room for `capacity` values, and `count <= capacity`.
    unsafe { std::ptr::copy_nonoverlapping(ready.as_ptr(), out, count) };
    ready.drain(..count);
    count
}

/// The continuation callback to pass to `rust_future_poll` with data `channel << 40 | sequence`.
#[unsafe(no_mangle)]
pub extern "C" fn cleverkit_python_continuation(data: u64, poll: RustFuturePoll) {
    let code = poll as i8;
    if POLLING.with(|polling| {
        let inside = polling.get().0 == data;
        if inside {
            polling.set((data, code));
        }
        inside
    }) {
        return;
    }
    let channels = CHANNELS
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let Some(Some(channel)) = ((data >> SEQUENCE_BITS) as usize)
        .checked_sub(1)
        .and_then(|index| channels.get(index))
    else {
        return; // The loop is gone, and its futures with it.
    };
    let was_empty = {
        let mut ready = channel
            .ready
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        ready.push((data & SEQUENCE_MASK) << 8 | u64::from(code as u8));
        ready.len() == 1
    };
    if was_empty {
        // SAFETY: the fd stays open while its channel is registered (the read lock is held);
        // ManuallyDrop leaves it open. A full socket (WouldBlock) already has a wakeup pending.
        let mut socket = ManuallyDrop::new(unsafe { UnixStream::from_raw_fd(channel.fd) });
        let _ = socket.write(&[1]);
    }
}

/// Polls with `cleverkit_python_continuation`: returns the poll code when the callback was
/// called inside the poll (on this thread), -1 when a worker thread will call it later.
///
/// # Safety
/// `poll` is one of the scaffolding's `ffi_cleverkit_ffi_rust_future_poll_*` and `future` a
/// handle of a Rust future of that function's type, not yet freed: the call the generated
/// Python code makes itself.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cleverkit_python_poll(poll: Poll, future: u64, data: u64) -> i8 {
    POLLING.with(|polling| polling.set((data, -1)));
    // SAFETY: as the caller promises (see above).
    unsafe {
        poll(
            Handle::from_raw_unchecked(future),
            cleverkit_python_continuation,
            data,
        )
    };
    POLLING.with(|polling| polling.replace((0, -1)).1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::os::fd::AsRawFd;

    unsafe extern "C" fn ready_at_once(
        _future: Handle,
        callback: RustFutureContinuationCallback,
        data: u64,
    ) {
        callback(data, RustFuturePoll::Ready);
    }

    unsafe extern "C" fn later(
        _future: Handle,
        _callback: RustFutureContinuationCallback,
        _data: u64,
    ) {
    }

    #[test]
    fn results_from_other_threads_are_queued_and_wake_the_socket_once() {
        let (mut reader, writer) = UnixStream::pair().unwrap();
        let channel = cleverkit_python_channel_open(writer.as_raw_fd());
        let base = channel << SEQUENCE_BITS;
        assert_eq!(unsafe { cleverkit_python_poll(later, 0, base | 7) }, -1);
        std::thread::spawn(move || {
            cleverkit_python_continuation(base | 7, RustFuturePoll::Wake);
            cleverkit_python_continuation(base | 8, RustFuturePoll::Ready);
        })
        .join()
        .unwrap();
        let mut byte = [0; 8];
        assert_eq!(
            reader.read(&mut byte).unwrap(),
            1,
            "one byte for the two results"
        );
        let mut out = [0u64; 4];
        let taken = unsafe { cleverkit_python_channel_take(channel, out.as_mut_ptr(), 4) };
        assert_eq!(&out[..taken], &[7 << 8 | 1, 8 << 8]);
        cleverkit_python_channel_close(channel);
        // A closed channel takes nothing and its late callbacks are dropped.
        cleverkit_python_continuation(base | 9, RustFuturePoll::Ready);
        assert_eq!(
            unsafe { cleverkit_python_channel_take(channel, out.as_mut_ptr(), 4) },
            0
        );
    }

    #[test]
    fn a_result_inside_the_poll_is_returned_by_the_poll() {
        let (_reader, writer) = UnixStream::pair().unwrap();
        let channel = cleverkit_python_channel_open(writer.as_raw_fd());
        let data = channel << SEQUENCE_BITS | 1;
        assert_eq!(unsafe { cleverkit_python_poll(ready_at_once, 0, data) }, 0);
        let mut out = [0u64; 1];
        let taken = unsafe { cleverkit_python_channel_take(channel, out.as_mut_ptr(), 1) };
        assert_eq!(taken, 0, "nothing queued");
        cleverkit_python_channel_close(channel);
    }
}
