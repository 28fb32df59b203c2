from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from mentoring_portal.dashboard import panels_for


@login_required
def home(request):
    return render(request, "home.html", {"panels": panels_for(request)})
