"""The project's form renderer: Django's templates, with an error summary at the top of long
forms (more than three fields) listing each field to correct with a link to it."""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    form_template_name = "core/forms/div.html"
