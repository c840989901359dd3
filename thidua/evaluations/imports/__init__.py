"""A commune's households and their registrations for a year, from Excel or CSV files.

``services.households_import`` checks a whole file and imports it set-based in one transaction, or
raises ``thidua.errors.DomainErrors`` naming every bad row and column and writes nothing. The web
page stores the upload (``services.household_file_store``) and runs ``services.household_file_apply``
as a background job; ``thidua import households`` calls ``households_import`` in the foreground.
The reading of the file and the template's layout are the residential-area imports'
(``thidua.units.imports``). The households and their residences are people's records; the record of
each household's year and the area's dossier it opens are the yearly cycle's, so the import lives here.
"""
