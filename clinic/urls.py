from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from clinic import health, views
from clinic.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("", include("clinic.signin.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("offices/", views.office_list, name="office_list"),
    path("offices/<slug:slug>/", views.office_detail, name="office_detail"),
    path("audit/", views.audit_log, name="audit_log"),
    path("drafts/autosave/", views.draft_autosave, name="draft_autosave"),
    path("", include("intake.urls")),
    path("", include("scheduling.urls")),
    path("", include("evaluations.urls")),
    path("", include("photos.urls")),
    path("", include("reports.urls")),
    path("portal/", include("portal.urls")),
    path("", include("interop.urls")),
    path("fhir/", include("interop.fhir_urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
