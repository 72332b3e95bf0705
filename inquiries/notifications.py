"""Who hears about what. Filled in by the notifications step; comments call it already."""


def on_comment(comment) -> None:
    return None


def on_entry(entry) -> None:
    return None
