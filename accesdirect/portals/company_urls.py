"""/s/…: "J'ai une offre", a structure's public page for companies, and a company's private link."""


app_name = "company_portal"
urlpatterns: list = []
