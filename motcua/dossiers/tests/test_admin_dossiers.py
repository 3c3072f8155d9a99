import pytest
from django.test import Client

from motcua.dossiers import services
from motcua.dossiers.models import PersonalDataAccess
from motcua.dossiers.tests.helpers import desk_dossier, frozen, user

pytestmark = pytest.mark.django_db


def test_admin_shows_dossiers_read_only_and_logs_the_read(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = services.receive_dossier(dossier=desk_dossier(), by=user("thucphan.motcua"))
    client = Client()
    client.force_login(user("admin"))
    assert dossier.code in client.get("/admin/dossiers/dossier/").content.decode()
    page = client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/")
    assert page.status_code == 200
    assert "Nông Văn Dũng" in page.content.decode()
    assert PersonalDataAccess.objects.filter(dossier=dossier, purpose="admin").count() == 1
    assert client.get("/admin/dossiers/dossier/add/").status_code == 403
    assert client.get("/admin/dossiers/competence/").status_code == 200
