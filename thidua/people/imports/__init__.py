"""A commune's households and their registrations for a year, from Excel or CSV files.

``households_import`` checks a whole file and imports it set-based in one transaction, or raises
``thidua.errors.DomainErrors`` naming every bad row and column and writes nothing. The web page
stores the upload (``household_file_store``) and runs ``household_file_apply`` as a background
job; ``thidua import households`` calls ``households_import`` in the foreground. The reading of
the file and the template's layout are the residential-area imports' (``thidua.units.imports``).
"""

from thidua.people.imports.households import commune_areas, households_import, households_template
from thidua.people.imports.stored import household_file_apply, household_file_store

__all__ = [
    "commune_areas",
    "household_file_apply",
    "household_file_store",
    "households_import",
    "households_template",
]
