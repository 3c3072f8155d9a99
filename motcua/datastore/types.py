"""Types other apps may use (the models stay behind services and selectors)."""

from motcua.datastore.models import DocumentKind

__all__ = ["DocumentKind"]
