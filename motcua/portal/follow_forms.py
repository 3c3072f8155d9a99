"""The forms of the citizen's follow-up pages (page-level checks only; the rules live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.services.uploads import ACCEPTED_EXTENSIONS
from motcua.dossiers.types import Satisfaction
from motcua.portal.submit_forms import check_file

TEXTAREA = forms.Textarea(attrs={"rows": 3})
ACCEPT = ",".join(ACCEPTED_EXTENSIONS)  # the phone's file picker offers only what is accepted

# Optional criteria of the rating, each on the same 3 levels (domain.md §10; provinces use
# up to 12). The keys are stable: the rating JSON and the reports read them.
RATING_CRITERIA = {
    "punctuality": _("The result came on time"),
    "staff_attitude": _("The staff were helpful and polite"),
    "visits_needed": _("I did not have to come back or send things again"),
}


class VersionForm(forms.Form):
    """Every action names the version the citizen saw: acting on a stale page is refused."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class SupplementForm(VersionForm):
    """One optional file per document of the dossier; at least one must come."""

    note = forms.CharField(
        label=_("Message to the agency (optional)"), required=False, max_length=2000, widget=TEXTAREA
    )

    def __init__(self, *args: Any, components: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.components = components
        for component in components:
            self.fields[self.field_name(component)] = forms.FileField(
                label=component.name, required=False, widget=forms.FileInput(attrs={"accept": ACCEPT})
            )

    @staticmethod
    def field_name(component: Any) -> str:
        return f"file_{component.position}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given = [(c, data.get(self.field_name(c))) for c in self.components]
        given = [(c, upload) for c, upload in given if upload]
        if not given and not self.errors:
            raise forms.ValidationError(_("Choose at least one file: the document the agency asked for."))
        for component, upload in given:
            problem = check_file(upload)
            if problem:
                self.add_error(self.field_name(component), problem)
        data["uploads"] = given
        return data

    def file_fields(self) -> list[Any]:
        return [self[self.field_name(c)] for c in self.components]


class WithdrawForm(VersionForm):
    reason = forms.CharField(
        label=_("Why do you withdraw it? (optional)"), required=False, max_length=500, widget=TEXTAREA
    )


LEVELS = [(value, label) for value, label in Satisfaction.choices]


class RatingForm(VersionForm):
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with how your dossier was handled?"),
        choices=LEVELS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=2000, widget=TEXTAREA)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in RATING_CRITERIA.items():
            self.fields[f"criterion_{key}"] = forms.TypedChoiceField(
                label=label,
                choices=[("", _("no answer")), *LEVELS],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def criteria(self) -> dict[str, int]:
        values = {key: self.cleaned_data.get(f"criterion_{key}") for key in RATING_CRITERIA}
        return {key: value for key, value in values.items() if value}

    def criterion_fields(self) -> list[Any]:
        return [self[f"criterion_{key}"] for key in RATING_CRITERIA]
