"""Run a build: planned documents -> files in the output folder, written atomically by worker
processes, skipping those whose inputs did not change.

`batch` decides what to write and drives `workers` (the process pool); `fileio` writes every file
under a temporary name and renames it; `health` tells at start-up what the machine lacks.
"""
from __future__ import annotations

from reportgen.build.batch import MANIFEST, BatchResult, Progress, start_pool, write_documents
from reportgen.build.fileio import atomic_write, atomic_write_text, write

__all__ = ["MANIFEST", "BatchResult", "Progress", "start_pool", "write_documents", "atomic_write",
           "atomic_write_text", "write"]
