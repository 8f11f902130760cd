"""Reading and checking the listings: knows nothing of pages."""
