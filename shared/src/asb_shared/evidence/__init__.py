"""Evidence files, one way for every service: checked by their content and hashed at receipt
(:mod:`.checks`, :mod:`.content`), kept under keys the service makes, on local disk or in an
S3-compatible bucket (:mod:`.storage`). Intake takes residents' files with it, casework staff's.
"""
