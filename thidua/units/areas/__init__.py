"""Residential areas made, merged, renamed, moved, split and dissolved from the pages."""
