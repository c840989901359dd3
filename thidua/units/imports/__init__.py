"""Residential areas and their lineage from Excel or CSV files: templates, checks, imports.

``areas_import`` and ``lineage_import`` check a whole file and import it in one transaction, or
raise ``thidua.errors.DomainErrors`` naming every bad row and column and write nothing. The web
page stores the upload (``import_file_store``) and runs ``import_file_apply`` as a background job;
the ``thidua units`` command calls the same functions in the foreground.
"""

from thidua.units.imports.areas import areas_import, areas_template
from thidua.units.imports.lineage import lineage_import, lineage_template
from thidua.units.imports.stored import MAX_IMPORT_BYTES, import_file_apply, import_file_store
from thidua.units.imports.tables import commune_for_code

__all__ = [
    "MAX_IMPORT_BYTES",
    "areas_import",
    "areas_template",
    "commune_for_code",
    "import_file_apply",
    "import_file_store",
    "lineage_import",
    "lineage_template",
]
