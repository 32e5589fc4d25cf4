"""Benchmark of the main journey on the local stack: report in, acknowledgement email out.

Measures and PRINTS (never asserts):

  (a) ceiling  - the raw ceiling: a minimal FastAPI endpoint (bench/ceiling_app.py, uvicorn,
                 one worker, its own process) that inserts one row plus one outbox row in one
                 transaction; max accepted requests/s under a closed loop of N clients.
  (b) intake   - the real ``POST /v1/reports`` under the same closed loop; reports accepted/s,
                 and the ratio (b)/(a). The backlog it leaves downstream is then drained (and
                 the rate at which acknowledgements came out is reported).
  (c) latency  - open loop at a fixed arrival rate: for each report, from sending the POST to
                 the mail sink receiving its acknowledgement email (sink ``received_at`` minus
                 the client's ``time.time()`` at send). p50/p95/p99/max, how many arrived, and
                 where the time went, stage by stage, from the services' own timestamps.

For each phase it also prints how many cores each process used (from /proc), and it samples
once a second the PostgreSQL connections, outbox backlogs and queue depths.

The whole system runs on its own databases (``asbbench_*``), RabbitMQ vhost (``asbbench``) and
ports (18000-18005, 19001-19005, 11025, 18025), all removed again at the end, even on error or
Ctrl-C. Logs go to bench/results/logs/, figures to bench/results/journey-<timestamp>.json.

    uv run python -m bench.journey [--rate 200] [--duration 20] [--concurrency 64]
    uv run python bench/journey            (the same)
"""
