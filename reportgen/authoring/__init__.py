"""Template authoring tools behind `reportgen templates`: kinds found on the search path -> a
listing, a new kind copied from a built-in one, a reference of its variables (`kinds`), and every
problem of a template folder, one line each (`check`).
"""
