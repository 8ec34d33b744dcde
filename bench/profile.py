"""Server CPU per request of the logged-in pages, in-process, with a profile.

On a database filled as the benchmark fills it (`fill_bench`), the Django test client asks
for a page 30 times as the demo association's owner and prints the CPU milliseconds per
request; given a page name it also prints cProfile's top functions:

    export SAMVERKA_VAR_DIR=/tmp/prof DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS='*' BENCHMARK_FLOOR=1
    .venv/bin/python manage.py migrate -v0 && .venv/bin/python manage.py load_demo
    .venv/bin/python manage.py fill_bench --actors 5000 --activities 2000
    PYTHONPATH=. .venv/bin/python -m bench.profile [directory|filtered|actor] [cumulative|tottime]
"""

import cProfile
import os
import pstats
import sys
import time

PAGES = {
    "directory": "/aktorer/",
    "filtered": "/aktorer/?q=forening&area=omsorg&district=ekero-centrum",
    "actor": "/aktorer/parkinson-ekero/",
}
ROUNDS = 30
BATCHES = 5


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    import django

    django.setup()
    from django.test import Client

    from samverka.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email="forening@samverka.example"),
                       backend="django.contrib.auth.backends.ModelBackend")
    for name, path in PAGES.items():
        for _ in range(5):  # warm up: templates compiled, connections open
            assert client.get(path).status_code == 200, path
        batches = []
        for _ in range(BATCHES):
            start = time.process_time()
            for _ in range(ROUNDS):
                client.get(path)
            batches.append((time.process_time() - start) / ROUNDS * 1000)
        batches.sort()
        calls = cProfile.Profile()
        calls.runcall(client.get, path)
        print(f"{name}: {batches[0]:.1f} ms CPU per request (median {batches[BATCHES // 2]:.1f}), "
              f"{pstats.Stats(calls).total_calls} function calls")
    if len(sys.argv) > 1:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(ROUNDS):
            client.get(PAGES[sys.argv[1]])
        profile.disable()
        pstats.Stats(profile).sort_stats(sys.argv[2] if len(sys.argv) > 2 else "cumulative").print_stats(45)


if __name__ == "__main__":
    main()
