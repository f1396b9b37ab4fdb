from django.contrib import messages
from django.shortcuts import redirect, render

from accesdirect.core.access import get_for_user

from ..models import JobSeeker


def seeker_for(request, pk: int) -> JobSeeker:
    return get_for_user(request, JobSeeker.objects.select_related("commune", "site"), pk=pk)


def back_to_seeker(request, seeker: JobSeeker, message: str, *, level: int = messages.SUCCESS):
    messages.add_message(request, level, message)
    return redirect("seekers:detail", pk=seeker.pk)


def form_page(request, *, seeker: JobSeeker, form, title: str, submit_label: str, intro: str = ""):
    """One form about a person: shown empty on GET, re-shown with the user's input and the
    French message of a refusal after a POST that did not go through."""
    return render(
        request,
        "seekers/form_page.html",
        {"seeker": seeker, "form": form, "title": title, "submit_label": submit_label, "intro": intro},
    )
