"""Template authoring tools behind `reportgen templates`: kinds found on the search path -> a
listing, a new kind started from another (an HTML copy, or a Word template written from the
kind's skeleton: `wordnew`), a reference of its variables (`kinds`), and every problem of a
template folder, HTML and Word, one line each (`check`, `wordcheck`, `probe`).
"""
