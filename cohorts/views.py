from django.shortcuts import get_object_or_404, render

from .models import Issue


def issue_list(request):
    return render(request, "cohorts/issue_list.html", {"issues": Issue.objects.all()})


def issue_detail(request, slug):
    issue = get_object_or_404(Issue, slug=slug)
    return render(request, "cohorts/issue_detail.html", {"issue": issue})
