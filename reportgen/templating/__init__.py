"""The template folders: where each report kind's template is found, which context it gets, and
what templates and documents may reach (the sandbox rule).

Rendering, the writers and the template tools all use these, so they sit below the stages.
"""
