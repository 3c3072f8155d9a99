"""Admin forms: lists edited one item per line, JSON Schema checked by the e-forms engine."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.forms_check import form_problems
from motcua.catalog.interchange import process_budget_problems
from motcua.catalog.models import Procedure
from motcua.catalog.types import AGENCY_KINDS


class LinesField(forms.CharField):
    """A JSON list of strings, edited as one item per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return "\n".join(value or [])

    def to_python(self, value: Any) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class SchemaField(forms.JSONField):
    def validate(self, value: Any) -> None:
        super().validate(value)
        problems = form_problems(value, "")
        if problems:
            raise forms.ValidationError([f"{p.path or '/'}: {p.message}" for p in problems])


class ProcedureAdminForm(forms.ModelForm):
    agency_kinds = forms.MultipleChoiceField(
        label=_("Competent agency kinds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(kind, kind.replace("_", " ")) for kind in AGENCY_KINDS],
    )
    exemptions = LinesField(label=_("Fee exemptions (one per line)"), required=False)
    legal_basis = LinesField(label=_("Legal basis (one document per line)"), required=False)
    keywords = LinesField(label=_("Search keywords (one per line)"), required=False)
    form_schema = SchemaField(
        label=_("E-form (JSON Schema 2020-12)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "class": "vLargeTextField"}),
    )

    class Meta:
        model = Procedure
        fields = (
            "code",
            "name",
            "field",
            "is_active",
            "at_commune",
            "at_province",
            "agency_kinds",
            "for_citizens",
            "for_organisations",
            "online_level",
            "auto_receive_online",
            "time_limit_value",
            "time_limit_unit",
            "time_limit_note",
            "exemptions",
            "legal_basis",
            "keywords",
            "life_events",
            "form_schema",
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["agency_kinds"] = self.instance.agency_kind_list

    def clean_agency_kinds(self) -> str:
        kinds = self.cleaned_data["agency_kinds"]
        return "," + ",".join(sorted(kinds)) + "," if kinds else ""

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("at_province") and not cleaned.get("at_commune"):
            raise forms.ValidationError(_("Give at least one level: province or commune."))
        return cleaned


class StepFormSet(forms.BaseInlineFormSet):
    """The steps of a process must add up to the procedure's time limit."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        steps = [
            {"days": f.cleaned_data["days"]}
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        procedure = self.instance.procedure
        problems = process_budget_problems(
            steps, {"value": procedure.time_limit_value, "unit": procedure.time_limit_unit}
        )
        if steps and problems:
            raise forms.ValidationError(problems[0].message)
