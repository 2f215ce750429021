from django.shortcuts import render

from . import selectors


def home(request):
    return render(request, "assessments/home.html", {"summaries": selectors.latest_published_summaries()})
