"""The claims ledger: the article it examines. Its verdicts' words (labels.VERDICT) are shared by the chapter's
table and chart and the site's schema.org ClaimReview data."""

from __future__ import annotations

# The article the ledger examines (bibliography key), for ClaimReview's itemReviewed.
ARTICLE_KEY = "Tong2024putin"
