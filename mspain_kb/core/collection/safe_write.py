"""Writing article files safely on any folder: local disks, USB sticks, network shares.

A file is written under a hidden temporary name in the same folder, flushed to disk, then
moved into place in one step, so a reader (or a power cut) sees the old file or the new one,
never half of one. Without `replace` an existing file is never overwritten; the move that
guarantees it depends on what the file system offers:

1. `renameat2(RENAME_NOREPLACE)` (Linux, local file systems): one atomic step.
2. A hard link to the final name, then the temporary name removed (most other POSIX systems).
   On Windows a plain rename already refuses to overwrite.
3. Neither (FAT/exFAT sticks on older systems, some network shares): the final name is first
   reserved by creating `.importing-NAME.reserve` exclusively, its absence checked, and the
   complete temporary file renamed into place. A kill at any step leaves at most hidden
   leftovers (never read as articles), never an empty or partial article. Only a program that
   ignores the reservation and writes the same name in the same instant could be overwritten.

New files get the permissions any new file gets in that folder (the umask and default ACLs
apply); a replaced file keeps its permission bits (its owner becomes whoever replaced it).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import secrets
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

TEMP_PREFIX = ".importing-"  # a write in progress; left behind only if the app was killed
TEMP_SUFFIX = ".tmp"
RESERVE_SUFFIX = ".reserve"
STALE_SECONDS = 3600  # a write takes seconds; an hour-old leftover is from a killed import
_RENAME_NOREPLACE = 1
_AT_FDCWD = -100
# errno values meaning "this file system cannot do that", so the next way is tried.
_NOT_SUPPORTED = {getattr(errno, name, errno.EINVAL) for name in ("ENOTSUP", "EOPNOTSUPP")}
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.EXDEV, errno.EACCES, *_NOT_SUPPORTED}
_CHMOD_UNSUPPORTED = {errno.EPERM, *_NOT_SUPPORTED}


def _load_renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2  # glibc 2.28 and later
    except (OSError, AttributeError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


_renameat2 = _load_renameat2()


def rename_noreplace(source: str, target: Path) -> bool:
    """Move `source` to `target` atomically unless `target` exists (FileExistsError).

    Returns False when the system or file system cannot do it in one step.
    """
    if _renameat2 is None:
        return False
    result = _renameat2(
        _AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), _RENAME_NOREPLACE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code == errno.EEXIST:
        raise FileExistsError(code, os.strerror(code), str(target))
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(target))


def reservation_path(path: Path) -> Path:
    return path.with_name(f"{TEMP_PREFIX}{path.name}{RESERVE_SUFFIX}")


def move_without_overwrite(temp_name: str, path: Path) -> None:
    """Put the complete file `temp_name` at `path`; FileExistsError if `path` exists."""
    if os.name == "nt":
        os.rename(temp_name, path)  # refuses to replace an existing file
        return
    if rename_noreplace(temp_name, path):
        return
    try:
        os.link(temp_name, path)  # atomic, and fails with FileExistsError instead of replacing
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _UNSUPPORTED:
            raise
        _move_with_reservation(temp_name, path)
        return
    os.unlink(temp_name)


def _move_with_reservation(temp_name: str, path: Path) -> None:
    reservation = reservation_path(path)
    try:
        os.close(os.open(reservation, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        if not _is_stale(reservation):
            message = "another import is saving this name"
            raise FileExistsError(errno.EEXIST, message, str(path)) from None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(reservation)  # left by a killed import
        os.close(os.open(reservation, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
        os.rename(temp_name, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(reservation)


def _create_temp(folder: Path) -> tuple[int, str]:
    """A new hidden temporary file, created with the mode any new file gets (umask applies)."""
    for _attempt in range(100):
        name = str(folder / f"{TEMP_PREFIX}{secrets.token_hex(6)}{TEMP_SUFFIX}")
        try:
            flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _lock_while_writing(handle: int) -> None:
    """Mark the temporary file as in use, so a cleanup in another process leaves it alone."""
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _keep_mode(handle: int, path: Path) -> None:
    """On replace, give the new file the old file's permission bits."""
    if not hasattr(os, "fchmod"):
        return
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return
    try:
        os.fchmod(handle, mode)
    except OSError as exc:
        if exc.errno not in _CHMOD_UNSUPPORTED:  # FAT and some shares have no permissions
            raise


def write_atomic(path: Path, text: str, *, replace: bool = False) -> None:
    """Write `text` (UTF-8, "\\n" line ends) to `path`: readers see the old file or the new one.

    Without `replace`, an existing file is never overwritten (FileExistsError).
    """
    write_bytes_atomic(path, text.encode("utf-8"), replace=replace)


def write_bytes_atomic(path: Path, data: bytes, *, replace: bool = False) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = _create_temp(path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            _lock_while_writing(stream.fileno())
            if replace:
                _keep_mode(stream.fileno(), path)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if replace:
            os.replace(temp_name, path)
        else:
            move_without_overwrite(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


# --- leftovers of killed writes ---------------------------------------------------------


def leftover_temp_files(articles_dir: Path) -> list[Path]:
    """Temporary and reservation files left by a write that was killed part-way."""
    try:
        found = [*Path(articles_dir).glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}")]
        found += Path(articles_dir).glob(f"{TEMP_PREFIX}*{RESERVE_SUFFIX}")
    except OSError:
        return []
    return sorted(found)


@dataclass
class Cleanup:
    removed: list[Path] = field(default_factory=list)
    kept: list[tuple[Path, str]] = field(default_factory=list)  # (file, why it was kept)


def _is_stale(path: Path, older_than: float = STALE_SECONDS) -> bool:
    try:
        return time.time() - os.stat(path).st_mtime > older_than
    except FileNotFoundError:
        return False


def _in_use(path: Path) -> bool:
    """True when a live import holds the file's lock (POSIX; elsewhere age alone decides)."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False  # no locks on this file system: age alone decides
    finally:
        os.close(handle)
    return False


def clean_leftovers(articles_dir: Path, older_than: float = STALE_SECONDS) -> Cleanup:
    """Remove leftovers of killed imports that are old and not in use; say what was kept."""
    result = Cleanup()
    for path in leftover_temp_files(articles_dir):
        if not _is_stale(path, older_than):
            result.kept.append((path, "recent; an import may still be writing it"))
        elif _in_use(path):
            result.kept.append((path, "an import is writing it"))
        else:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                result.kept.append((path, f"could not be removed ({exc.strerror or exc})"))
                continue
            result.removed.append(path)
    return result
