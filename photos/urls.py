from django.urls import path

from photos import views

app_name = "photos"

urlpatterns = [
    path("vein/patients/<int:pk>/photos/", views.patient_photos, name="patient_photos"),
    path("vein/patients/<int:pk>/photos/compare/", views.compare, name="compare"),
    path("vein/photos/<int:pk>/image/", views.photo_file, name="image"),
    path("vein/photos/<int:pk>/thumbnail/", views.photo_thumbnail, name="thumbnail"),
    path("vein/photos/<int:pk>/packet/", views.photo_packet, name="packet"),
    path("vein/photos/<int:pk>/retire/", views.photo_retire, name="retire"),
]
