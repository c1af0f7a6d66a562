"""Archive packages for the provincial repository, the repository client, and archive state in SQL."""
