"""The member page (/me/...): a member's pass on the phone and their side of the network.

Its own router (`routes.router`), templates and texts; mounted by netserver/api/app.py.
"""
