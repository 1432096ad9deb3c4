"""Upstream providers' public status pages (Atlassian Statuspage ``/api/v2/summary.json``)."""
