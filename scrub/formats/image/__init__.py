"""Pictures: one module per format (jpeg, png, gif, webp, tiff, heic, avif), each owning its
metadata and its pixel encoding; what they share is in base.py."""
