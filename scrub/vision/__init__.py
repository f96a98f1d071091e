"""Pixels: reading the text in pictures (ocr, visible), faces, and covering what is found
(cover). Used by every family that shows pictures."""
