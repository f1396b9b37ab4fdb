from django.http import HttpResponse

from accesdirect.core.access import staff_required


@staff_required
def placeholder(request, pk=None):
    return HttpResponse("")
