from django.shortcuts import render

from . import selectors


def detail(request, slug: str):
    regency = selectors.regency_for_profile(slug=slug)
    return render(request, "regencies/detail.html", {"regency": regency})
