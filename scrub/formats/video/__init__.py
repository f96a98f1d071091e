"""Video (MP4, MOV, M4V, 3GP) and M4A sound: one family, as they are all ISO media files
(scrub/formats/video/mp4.py)."""
