"""Evaluation frames for the QR decoder, independent of the renderer it was tuned with.

`sets` (the frozen test split and the tuning split), `sequences` (30 fps time-to-read material),
built from `symbols` (zxing-cpp's writer), `texture` (cards, phones, clutter drawn with Pillow),
`room` and `camera` (pinhole + lens distortion, supersampled rasterisation, linear-light lighting,
disc/line PSFs, Bayer sensor noise, ISP, Pillow JPEG). See docs/scanner.md.
"""
