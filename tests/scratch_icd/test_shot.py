import pytest
from django.urls import reverse
from tests.conftest import client_for
from tests.evaluations.test_prior_authorization_packet import rfa  # noqa

pytestmark = pytest.mark.django_db

def test_save(rfa, physician):
    r = client_for(physician).get(reverse("evaluations:packet_pdf", args=[rfa.pk]))
    open("/tmp/shots-icd/packet.pdf", "wb").write(r.content)
