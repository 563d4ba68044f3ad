"""The FHIR API's addresses, under /fhir/ (no trailing slashes, as FHIR clients expect)."""

from django.urls import path

from interop import api

app_name = "fhir"

urlpatterns = [
    path("metadata", api.metadata, name="metadata"),
    path("Patient/<str:resource_id>/$everything", api.everything, name="everything"),
    path("<str:resource_type>", api.search, name="search"),
    path("<str:resource_type>/<str:resource_id>", api.read, name="read"),
]
