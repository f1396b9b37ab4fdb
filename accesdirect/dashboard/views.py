import datetime

from django.shortcuts import render

from accesdirect.core.access import staff_required
from accesdirect.core.calendar import paris_today

from .queries import day_overview


@staff_required
def home(request):
    today = paris_today()
    context = day_overview(user=request.user, today=today)
    context["today"] = today
    context["in_two_weeks"] = today + datetime.timedelta(days=14)
    return render(request, "dashboard/home.html", context)
