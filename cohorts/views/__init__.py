"""The cohorts app's pages, one module per feature:

- ``issues``: the public issue pages, and saying "I'm interested";
- ``forming``: facilitators reading the interest in an issue and creating a cohort;
- ``invitations``: a cohort's formation page, where its facilitators invite people;
- ``joining``: the link an invited person follows to join;
- ``members``: my cohorts, and a cohort's page for its members;
- ``running``: facilitators running a cohort: roles, removals, status, history.
"""
