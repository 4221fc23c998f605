"""The server's routes, one module per part of the API."""

from . import api, languagetool, pages, reviews, words

ROUTERS = (api.router, reviews.router, words.router, pages.router, languagetool.router)
