"""From cycle to weeknote: a participant's draft, its coaches' comments, and its review.

A draft is private to its owner and readable by the coaches of its cohort who may read
its inquiry (``WeeknoteDraft.objects.visible_to``). Submitting it makes a weeknote page
that is not live and starts the *Weeknote review* workflow; editors approve it in the
Wagtail admin. See docs/weeknotes.md.
"""
