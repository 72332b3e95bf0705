"""How much data a scale asks for: the programme at full scale (1), shrunk in proportion."""

from dataclasses import dataclass

FULL = {"cohorts": 100, "people": 3000, "inquiries": 6000, "comments": 500_000, "weeknotes": 10_000}
CYCLES_PER_INQUIRY = 8
ENTRIES_PER_CYCLE = 6  # four action logs and two reflections
LONG_INQUIRY_CYCLES = 40  # the first inquiry: one long history, for its page's cost
LARGEST_COHORT = 60  # the first cohort, as large as a cohort gets


@dataclass(frozen=True)
class Sizes:
    cohorts: int
    people: int
    inquiries: int
    comments: int
    weeknotes: int

    @classmethod
    def for_scale(cls, scale: float) -> "Sizes":
        if not 0 < scale <= 1:
            raise ValueError("The scale is a fraction of the full programme: above 0, at most 1.")
        cohorts = max(2, round(FULL["cohorts"] * scale))
        return cls(
            cohorts=cohorts,
            people=max(
                4 * cohorts, round(FULL["people"] * scale)
            ),  # a facilitator, a coach, 2 more
            inquiries=max(cohorts, round(FULL["inquiries"] * scale)),
            comments=round(FULL["comments"] * scale),
            weeknotes=max(1, round(FULL["weeknotes"] * scale)),
        )

    @property
    def cycles(self) -> int:
        return (self.inquiries - 1) * CYCLES_PER_INQUIRY + LONG_INQUIRY_CYCLES

    @property
    def entries(self) -> int:
        return self.cycles * ENTRIES_PER_CYCLE
