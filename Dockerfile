# Samverka's container image: the app server (gunicorn) by default; the same image runs the
# task worker (`python manage.py db_worker`) and one-off commands (migrate, backup).
# docs/hosting.md explains how compose.yaml runs one municipality with it.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SAMVERKA_VAR_DIR=/var/lib/samverka \
    STATIC_ROOT=/srv/samverka/staticfiles \
    STATIC_MANIFEST=1

# Pango and HarfBuzz for the PDF reports (weasyprint); the PostgreSQL client for `backup`;
# fonts for PDF text.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core postgresql-client gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/samverka
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY . .
# The translations compiled and the static files collected into the image, with a throwaway
# key: the real one comes from the environment at run time.
RUN SECRET_KEY=build-only python manage.py compilemessages --verbosity 0 \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --system --home-dir /var/lib/samverka samverka \
    && mkdir -p /var/lib/samverka && chown samverka /var/lib/samverka

USER samverka
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "samverka.wsgi:application"]
