app_name = "qualitative"

urlpatterns: list = []
