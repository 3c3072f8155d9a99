from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.core import login_throttle


def client_address(request) -> str:  # noqa: ANN001
    return request.META.get("REMOTE_ADDR", "") if request else ""


class OfficialLoginForm(AuthenticationForm):
    """Django's login form with the shared throttle in front of the password check."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong username or password. Note that the password is case-sensitive."),
    }

    def clean(self) -> dict:
        username = (self.data.get("username") or "").strip()
        address = client_address(self.request)
        wait = login_throttle.seconds_locked(username=username, address=address)
        if wait:
            minutes = max(1, (wait + 59) // 60)
            raise forms.ValidationError(
                ngettext(
                    "Too many failed attempts. Login is locked; try again in %(minutes)d minute.",
                    "Too many failed attempts. Login is locked; try again in %(minutes)d minutes.",
                    minutes,
                ) % {"minutes": minutes},
                code="locked",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_throttle.record_failure(username=username, address=address)
            raise
        login_throttle.record_success(username=username, address=address)
        return cleaned


class AgencySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
