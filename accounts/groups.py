"""Names of the site-wide groups that DESIGN.md gives roles to."""

FACILITATORS = "Facilitators"
EDITORS = "Editors"
