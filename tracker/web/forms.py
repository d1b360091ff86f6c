"""What forms share: WTForms through Flask-WTF (CSRF-protected), a date box that says how to write a date, a
form rendered once per record, and the confirm-only form. Each package keeps its own forms (``forms.py``);
validation messages are shown next to each field."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token: for buttons that change state (log out, publish, delete)."""


class WrittenDateField(DateField):
    """A date box whose error says how to write the date."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Enter the date as YYYY-MM-DD, for example 2024-10-16") from None


class PerRecordForm(FlaskForm):
    """A form rendered once per record: field names stay plain, ids take `ident` so every label is unique."""

    def __init__(self, *args, ident: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if ident:
            for field in self:
                field.id = f"{ident}-{field.name}"
                field.label.field_id = field.id
