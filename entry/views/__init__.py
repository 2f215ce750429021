"""The entry workspace, one module per use case. Every view checks the user's rights on the server before reading or
writing anything, and writes through one call of `assessments.services`."""
