"""The core every feature stands on: the case and the reports it collects, its complainants'
records, its status rules, finding it for a use case, its reference and announcing a change.

Nothing here imports a feature of casework; every feature may import it.
"""
