"""The composed ceiling: the journey's hops written as leanly as this stack allows.

The same shape of work as a report's journey, with none of the product's layers::

    POST /reports (api.py)        one transaction: a row, an outbox row, NOTIFY
      -> relay (worker.py relay)  publishes with confirms, marks the rows published
      -> stage b (worker.py b)    one transaction: inbox row, a row, an outbox row, NOTIFY;
                                  commit, then ack; and relays its own outbox, as above
      -> stage c (worker.py c)    inbox row (de-duplication), the acknowledgement e-mail sent
                                  over SMTP to the mail sink, commit, then ack

Raw asyncpg, aio-pika and one uvicorn worker per process, the same guarantees as the services
(outbox, publisher confirms, inbox de-duplication in the handler's transaction, ack after commit)
and the same mail sink. ``bench/journey`` measures it in the same run as the journey, so the
journey's throughput and CPU per report can be read as a fraction of what this machine does for
this shape of work. Bench code, not product code.
"""
