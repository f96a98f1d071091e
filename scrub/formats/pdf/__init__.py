"""PDF posters (scrub/formats/pdf/document.py): their objects' metadata, their pages' text
and pictures, and a copy written anew."""
