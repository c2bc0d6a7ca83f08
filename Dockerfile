FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=pelayanan.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# Build steps need production settings to load: throwaway keys, never stored in the image.
RUN export DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build \
        DJANGO_PII_KEY="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    && python manage.py collectstatic --noinput && python manage.py compilemessages -v0
RUN useradd --system --create-home portal && mkdir -p /app/media && chown portal /app/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "pelayanan.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--threads", "2", \
     "--timeout", "60", "--max-requests", "1000", "--max-requests-jitter", "100"]
