"""The account page's form to act for an organisation (the format rule lives in citizens.services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.citizens import services as citizen_services
from motcua.citizens.errors import InvalidTaxCode

__all__ = ["OrganisationForm"]


class OrganisationForm(forms.Form):
    tax_code = forms.CharField(
        label=_("Tax code of the organisation"),
        max_length=20,
        help_text=_("10 digits, or 10 digits, a hyphen and 3 digits for a branch (4800123456-001)."),
        # No numeric keypad: a branch's code needs the hyphen.
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._describe("tax_code")

    def _post_clean(self) -> None:
        super()._post_clean()
        for name in self.errors:  # WCAG 3.3.1: the error is read with its field
            if name in self.fields:
                self._describe(name, errors=True)

    def _describe(self, name: str, *, errors: bool = False) -> None:
        ids = [f"{self[name].auto_id}-help"] if self.fields[name].help_text else []
        ids += [f"{self[name].auto_id}-errors"] if errors else []
        self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    def clean_tax_code(self) -> str:
        try:
            return citizen_services.normalise_tax_code(self.cleaned_data["tax_code"])
        except InvalidTaxCode as error:
            raise forms.ValidationError(error.detail, code=error.code) from None
