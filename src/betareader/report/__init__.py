"""Renderers: each reads the same list of FileReport objects."""

from .file_report import FileReport, finding_dict

__all__ = ["FileReport", "finding_dict"]
