from django.urls import path

from motcua.integrations.payment import checkout_views

app_name = "payment_simulator"

urlpatterns = [path("<str:platform_ref>/", checkout_views.checkout, name="checkout")]
