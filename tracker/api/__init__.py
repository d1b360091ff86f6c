"""The JSON API under /api/: the routes, how records are serialised, and the OpenAPI description that a
test checks against every route."""
