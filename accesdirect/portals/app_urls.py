"""/app/…: the job seekers' app."""


app_name = "seeker_app"
urlpatterns: list = []
