"""Metadata standards shared by several families (EXIF, XMP, IPTC, ICC, ISO boxes), what each
item reveals (items), and how items become findings (findings)."""
