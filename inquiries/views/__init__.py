"""Inquiry pages, one module per thing they serve: ``inquiries`` (the list, an inquiry,
its question and who sees it), ``cycles``, ``entries``, ``comments`` and
``notifications``; ``access`` is how each view finds what it acts on.

Views read through ``visible_to`` and selectors, ask ``permissions`` what to offer,
and write only by calling ``services``.
"""
