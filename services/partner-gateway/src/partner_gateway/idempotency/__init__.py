"""Idempotency keys: a partner write or a credential issued once per key, its answer kept for
retries (a secret never kept)."""
