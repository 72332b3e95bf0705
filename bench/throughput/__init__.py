"""``make bench``: each page's throughput through gunicorn, as in production."""
