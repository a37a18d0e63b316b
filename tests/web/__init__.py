"""Tests of the web app and its API."""
