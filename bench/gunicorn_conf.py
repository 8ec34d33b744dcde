"""gunicorn settings for the benchmark. Passed with -c so that a gunicorn.conf.py in the
working directory does not apply; bind, workers and worker class come on the command line.
Like production except: no access log (it would measure the disk), and no max_requests
(a worker restart in the middle of a 10 s measurement would measure Django's start-up)."""

accesslog = None
errorlog = "-"
loglevel = "warning"
timeout = 30
graceful_timeout = 10
keepalive = 5
max_requests = 0
