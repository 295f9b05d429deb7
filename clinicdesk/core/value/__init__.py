"""Forward-looking value: who will come back (BG/NBD) and what each patient is worth.

Qt-free. `bgnbd` and `gamma_gamma` are the two models, `clv` combines them into a
discounted lifetime value, `calibration` checks the forecast against the last months.
"""
