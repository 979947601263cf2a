"""What every stage knows of the Vietnamese language and administration, below all of them.

Text normalisation with an offset map back to the source (`normalise`), the number notation
(`numbers`: "1.234", "12,5"), document formatting of numbers and dates (`formatting`, with Babel),
alphabetical order (`collation`), how Vietnamese a decoding looks (`letters`, for the readers), and
the administrative units before and after the 2025 reform (`gazetteer`, with its data).
"""
