"""What every app may use and that knows no app: the one text sanitiser, the control
characters text may not hold, sending mail, Wagtail snippet choosers that ask the
model's permission policy, and one submission making one record (with its template tag,
which is why the kernel is an installed app: it has no models).

Nothing here imports an app of ours or the wiring (``cylch``); the import
contract in pyproject.toml keeps it so.
"""
