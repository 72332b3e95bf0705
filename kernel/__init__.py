"""What every app may use and that knows no app: the one text sanitiser, the control
characters text may not hold, sending mail, Wagtail snippet choosers that ask the
model's permission policy, re-indexing objects whose related names changed, and one
submission making one record.

Nothing here imports an app of ours or the wiring (``cylch``); the import
contract in pyproject.toml keeps it so.
"""
