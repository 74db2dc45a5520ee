"""Whoosh's two-process index writer, with helper processes that end when the app ends.

Whoosh's MpWriter starts helper processes that wait on a job queue for ever. When the app
is killed during a large rebuild (Task Manager, `kill -9`, a crash), they were left behind,
holding memory, until the computer restarted. Here each helper also watches its parent
and exits as soon as the parent is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

from whoosh import multiproc


class ParallelWriter(multiproc.MpWriter):
    """An MpWriter whose helpers exit when the indexing process dies."""

    def __init__(self, ix, procs: int, start_method: str | None = None, **kwargs):
        super().__init__(ix, procs=procs, start_method=start_method, **kwargs)
        self._mpctx = multiprocessing.get_context(start_method)

    def _new_task(self):
        args = (
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        task = self._mpctx.Process(target=_helper, args=args)
        self.tasks.append(task)
        task.start()
        return task


def _helper(*args) -> None:
    """Run one Whoosh sub-writer, and leave at once if the parent process disappears."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    multiproc._run_subwriter(*args)


def _exit_with(parent) -> None:
    parent.join()  # returns when the parent process has ended, however it ended
    os._exit(1)
