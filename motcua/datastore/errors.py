from django.utils.translation import gettext_lazy as _

from motcua.core.errors import NotFound


class DocumentNotFound(NotFound):
    code = "datastore.document_not_found"
    default_message = _("There is no such document in your data store.")
