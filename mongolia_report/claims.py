"""The claims ledger's verdicts, as readers see them: the chapter's table and chart and the
site's schema.org ClaimReview data use the same words."""

from __future__ import annotations

VERDICT_LABELS = {
    "supported": "Supported",
    "supported_with_caveats": "Supported with caveats",
    "outdated": "Outdated since September 2024",
    "copy_error": "Wrong in the reworded copy, right in the original",
    "wrong": "Wrong",
    "unverified": "Could not be verified",
}
# The article the ledger examines (bibliography key), for ClaimReview's itemReviewed.
ARTICLE_KEY = "Tong2024putin"
