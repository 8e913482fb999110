"""The local stack: moto as the embedded AWS, the Chalice app, its event sources, demo data."""
