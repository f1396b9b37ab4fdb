import pytest
from django.urls import reverse

from accesdirect.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["company", "companycontact"])
def test_platform_operators_browse_companies_in_the_admin(operator_client, pau, model):
    company = f.CompanyFactory(structure=pau)
    contact = f.CompanyContactFactory(company=company, by=f.UserFactory())
    obj = company if model == "company" else contact
    assert operator_client.get(reverse(f"admin:companies_{model}_changelist")).status_code == 200
    assert operator_client.get(reverse(f"admin:companies_{model}_change", args=[obj.pk])).status_code == 200
