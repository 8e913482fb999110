"""CM Helpline 181: the application package deployed with the Chalice app."""
