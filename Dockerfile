# The sohoa worker image: Tesseract with the Vietnamese model, poppler, and the sohoa package.
FROM python:3.11-slim-bookworm
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd poppler-utils ghostscript \
      fonts-liberation2 fonts-freefont-ttf fonts-texgyre fonts-noto-core fonts-dejavu-core hunspell-vi \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md prefect.toml constraints.txt ./
COPY ocr ocr
COPY classifiers classifiers
COPY storage storage
COPY flows flows
COPY samples samples
RUN pip install --no-cache-dir -c constraints.txt .
ENV PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1
