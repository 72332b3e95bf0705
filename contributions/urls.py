"""Pages under /cohorts/<slug>/ that belong to the web between people's work."""

app_name = "contributions"

urlpatterns = []
