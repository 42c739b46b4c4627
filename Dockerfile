FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm libpango-1.0-0 libpangoft2-1.0-0 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/lock.txt requirements/lock.txt
RUN pip install --no-cache-dir -r requirements/lock.txt
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN python scripts/build_assets.py && SECRET_KEY=build DEBUG=0 python manage.py collectstatic --noinput
USER nobody
