from django.urls import path

from pairs.views import orders, pairs, suggestions

app_name = "pairs"
urlpatterns = [
    path("", pairs.pair_list, name="pair_list"),
    path("mine/", pairs.my_pairs, name="my_pairs"),
    path("new/", pairs.pair_create, name="pair_create"),
    path("<int:pk>/", pairs.pair_detail, name="pair_detail"),
    path("<int:pk>/edit/", pairs.pair_edit, name="pair_edit"),
    path("<int:pk>/delete/", pairs.pair_delete, name="pair_delete"),
    path("<int:pk>/activate/", pairs.pair_activate, name="pair_activate"),
    path("<int:pk>/complete/", pairs.pair_complete, name="pair_complete"),
    path("<int:pk>/end/", pairs.pair_end_early, name="pair_end_early"),
    path("suggest/", suggestions.suggest_index, name="suggest_index"),
    path("suggest/<int:request_pk>/", suggestions.suggest_for, name="suggest_for"),
    path("proposal/", suggestions.proposal, name="proposal"),
    path("proposal/accept/", suggestions.proposal_accept, name="proposal_accept"),
    path("forms/", pairs.form_list, name="form_list"),
    path("duties/", pairs.duties_list, name="duties_list"),
    path("duties/<int:person_pk>/new/", pairs.duties_create, name="duties_create"),
    path("duties/mine/", pairs.duties_give, name="duties_give"),
    path("orders/", orders.order_list, name="order_list"),
    path("orders/new/", orders.order_create, name="order_create"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("orders/<int:pk>/edit/", orders.order_edit, name="order_edit"),
    path("orders/<int:pk>/submit/", orders.order_submit, name="order_submit"),
    path("orders/<int:pk>/sign/", orders.order_sign, name="order_sign"),
    path("orders/<int:pk>/return/", orders.order_return, name="order_return"),
    path("orders/<int:pk>/pdf/", orders.order_download, name="order_download"),
    path("orders/<int:pk>/preview/", orders.order_preview, name="order_preview"),
    path("orders/templates/", orders.template_list, name="template_list"),
    path("orders/templates/<slug:kind>/", orders.template_edit, name="template_edit"),
]
