from django.urls import path

from interop import views

app_name = "interop"

urlpatterns = [
    path("patients/<int:pk>/fhir/", views.patient_bundle, name="patient_bundle"),
    path("interop/clients/", views.client_list, name="client_list"),
    path("interop/clients/<int:pk>/revoke/", views.client_revoke, name="client_revoke"),
    path("interop/exports/", views.export_list, name="export_list"),
    path("interop/exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("interop/exports/<int:pk>/status/", views.export_status, name="export_status"),
    path("interop/exports/<int:pk>/<str:resource_type>.ndjson", views.export_download, name="export_download"),
]
