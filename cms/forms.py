from wagtail.admin.forms import WagtailAdminPageForm

from kernel.characters import validate_one_line


class WeeknotePageForm(WagtailAdminPageForm):
    """The admin's weeknote form. The title (Wagtail's) and the tags (taggit's) are
    checked here; the fields we define carry their validators on the model."""

    def clean_title(self):
        title = self.cleaned_data["title"]
        validate_one_line(title)
        return title

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        for name in tags:
            validate_one_line(name)
        return tags
