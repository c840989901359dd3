from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UseradminConfig(AppConfig):
    """The administration of accounts by the officials: pages, API, console verbs and the bulk import.

    The accounts themselves, their roles and who may give them are ``thidua.accounts``' (below the
    units); this app sits above the units because it finds units by their code and walks the tree.
    """

    name = "thidua.useradmin"
    verbose_name = _("Account administration")
