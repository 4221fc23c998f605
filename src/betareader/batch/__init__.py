"""Batch review at archive scale: many works in, one Parquet table of measurements out.

``betareader batch INPUT... --output DIR`` reads files, folders, zip archives and tabular dumps
(:mod:`.inputs`), reviews each work with the same engine ``check`` uses (:mod:`.review`), in a
local process pool or on a Dask cluster (:mod:`.run`), and streams the rows to Parquet
(:mod:`.output`).
"""
