"""What is kept between runs: extracted facts, a person's decisions on them, and facts as tables.

`facts` caches each source's extraction by content hash; `corrections` reads the reviewer's
decisions and applies them to extractions; `export` writes facts to CSV/XLSX and reads them back.
"""
